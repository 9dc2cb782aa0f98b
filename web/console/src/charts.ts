// ECharts, only the parts the supervision screens draw: imported by lazy screens only, so it never weighs on the first screen.
import { use, init, type ComposeOption, type ECElementEvent, type EChartsType } from 'echarts/core'
import { BarChart, HeatmapChart, type BarSeriesOption, type HeatmapSeriesOption } from 'echarts/charts'
import {
  GridComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  type GridComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, HeatmapChart, GridComponent, TooltipComponent, VisualMapContinuousComponent, CanvasRenderer])

export type ChartOption = ComposeOption<
  BarSeriesOption | HeatmapSeriesOption | GridComponentOption | TooltipComponentOption | VisualMapComponentOption
>

export { init, type ECElementEvent, type EChartsType }
