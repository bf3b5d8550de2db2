// The open-pipeline rows of one batch of the funnel projection: each change as it happened, and the
// same changes summed per UTC day, month and year, for all leads and per filter dimension, added to
// the stored sums. Sums only ever add, so any batching of the same events gives the same rows.
import { OPEN_PIPELINE_DIMENSIONS, type OpenPipelineChange, type OpenPipelineColumn } from '#read-models';
import { upsert, type Write } from '../sql/upsert-rows.js';

/** The lead's dimensions at the change ('' = none) but its owner, which the change itself names. */
export type PipelineDimensions = Readonly<Record<Exclude<OpenPipelineColumn, 'owner_id'>, string>>;

interface Sum {
  grain: 'day' | 'month' | 'year';
  dimension: string;
  dimension_value: string;
  starts: string;
  currency: string;
  opened: number;
  value: number;
}

export class OpenPipelineRows {
  private readonly changes: Record<string, unknown>[] = [];
  private readonly sums = new Map<string, Sum>();

  add(leadId: string, revision: number, at: string, dimensions: PipelineDimensions, changes: readonly OpenPipelineChange[]): void {
    const day = new Date(at).toISOString().slice(0, 10);
    const starts = { day, month: `${day.slice(0, 7)}-01`, year: `${day.slice(0, 4)}-01-01` } as const;
    changes.forEach((change, part) => {
      const row: Record<OpenPipelineColumn, string> = { ...dimensions, owner_id: change.ownerId };
      this.changes.push({
        lead_id: leadId, revision, part, changed_at: at, currency: change.currency, ...row, opened: change.opened, value: change.value,
      });
      const keys: [string, string][] = [
        ['all', ''], ...Object.values(OPEN_PIPELINE_DIMENSIONS).map(({ dimension, column }): [string, string] => [dimension, row[column]]),
      ];
      for (const grain of ['day', 'month', 'year'] as const) {
        for (const [dimension, value] of keys) this.addSum({ grain, dimension, dimension_value: value, starts: starts[grain], currency: change.currency, opened: change.opened, value: change.value });
      }
    });
  }

  private addSum(sum: Sum): void {
    const key = JSON.stringify([sum.grain, sum.dimension, sum.dimension_value, sum.starts, sum.currency]);
    const existing = this.sums.get(key);
    if (existing === undefined) this.sums.set(key, sum);
    else {
      existing.opened += sum.opened;
      existing.value += sum.value;
    }
  }

  /** The changes and the sums to add to the stored ones, as parts of the batch's statement. */
  writes(): (Write | null)[] {
    return [
      upsert({ table: 'rm_open_pipeline_changes', key: ['lead_id', 'revision', 'part'], rows: this.changes }),
      upsert({ table: 'rm_open_pipeline_sums', key: ['grain', 'dimension', 'dimension_value', 'starts', 'currency'], rows: [...this.sums.values()], add: ['opened', 'value'] }),
    ];
  }
}
