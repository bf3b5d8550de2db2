// The configured deal pipelines (PIPELINES_JSON, else the domain's defaults): GET /v1/pipelines
// lists them, and commands resolve a lead's pipeline here.
import { Inject, Injectable } from '@nestjs/common';
import type { Pipeline } from '#domain';
import { InvalidRequest } from '#platform';

export const PIPELINES = Symbol('PIPELINES');

@Injectable()
export class PipelineCatalog {
  constructor(@Inject(PIPELINES) readonly all: readonly Pipeline[]) {}

  find(id: string): Pipeline | undefined {
    return this.all.find((pipeline) => pipeline.id === id);
  }

  /** The pipeline, or a 400 naming the field that asked for an unknown one. */
  require(id: string, field: string): Pipeline {
    const pipeline = this.find(id);
    if (!pipeline) throw new InvalidRequest([{ field, message: `must be one of ${this.all.map((p) => p.id).join(', ')}` }]);
    return pipeline;
  }
}
