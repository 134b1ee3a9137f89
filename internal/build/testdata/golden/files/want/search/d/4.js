qdSearch("d",4,[["机关党员下沉社区","../tasks/index.html#task-xiachen","服务群众 · 必选",["机关党员每周到联系社区服务半天。"]],["小区业主议事会","../tasks/index.html#task-yishihui","基层治理 · 自选",["由党支部牵头，每月召开一次业主议事会。"]]]);
