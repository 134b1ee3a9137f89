// The ECharts that built sites serve: only the parts qingdan's charts use
// (line, bar and pie charts; grid, tooltip and plain legend; the canvas
// renderer), taken from the npm package pinned in package-lock.json and
// bundled by make build (esbuild) into themes/default/static/vendor/
// echarts.min.js, a fifth smaller than ECharts's own common build. A chart
// kind or component added to internal/chart must be added here too.
import { use } from 'echarts/lib/extension.js';
import { install as CanvasRenderer } from 'echarts/lib/renderer/installCanvasRenderer.js';
import { install as LineChart } from 'echarts/lib/chart/line/install.js';
import { install as BarChart } from 'echarts/lib/chart/bar/install.js';
import { install as PieChart } from 'echarts/lib/chart/pie/install.js';
import { install as GridComponent } from 'echarts/lib/component/grid/install.js';
import { install as TooltipComponent } from 'echarts/lib/component/tooltip/install.js';
import { install as LegendComponent } from 'echarts/lib/component/legend/installLegendPlain.js';

export * from 'echarts/lib/export/core.js';

use([CanvasRenderer, LineChart, BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent]);
