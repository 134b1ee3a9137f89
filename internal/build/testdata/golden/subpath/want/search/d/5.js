qdSearch("d",5,[["党员先锋窗口","../tasks/#task-chuangkou","服务群众 · 必选",["每个对外服务窗口都有党员示范岗。"]]]);
