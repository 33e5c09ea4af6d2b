// The monthly trend of the dashboard, drawn with ECharts (only the parts it uses, loaded with
// this file on its own).
import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface Series {
  name: string;
  kind: 'line' | 'bar';
  values: number[];
  /** The exact text of each value, shown in the tooltip (money formatted from integer fen). */
  labels?: string[];
}

/** A chart of series over the months; the tooltip shows each value's exact text. */
export default function TrendChart({ months, series, label }: { months: string[]; series: Series[]; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const c = init(box.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(box.current);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        grid: { left: 48, right: 16, top: 40, bottom: 28 },
        legend: { top: 0, type: 'scroll' },
        tooltip: {
          trigger: 'axis',
          formatter: (items: unknown) => {
            const list = items as { dataIndex: number; seriesIndex: number; marker: string; axisValue: string }[];
            if (list.length === 0) return '';
            const rows = list.map((p) => {
              const s = series[p.seriesIndex];
              const text = s.labels?.[p.dataIndex] ?? String(s.values[p.dataIndex]);
              return `${p.marker}${s.name}: ${text}`;
            });
            return [list[0].axisValue, ...rows].join('<br/>');
          },
        },
        xAxis: { type: 'category', data: months },
        yAxis: { type: 'value', minInterval: 1 },
        series: series.map((s) => ({ name: s.name, type: s.kind, data: s.values, smooth: s.kind === 'line' })),
      },
      true,
    );
  }, [months, series]);

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height: 280 }} />;
}
