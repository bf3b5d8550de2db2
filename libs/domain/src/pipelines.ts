// Deal pipelines: the ordered deal stages an opportunity moves through inside `sql`, each with a
// win probability. Industries bring their own; the default is the classic B2B one.

export interface DealStageDefinition {
  readonly name: string;
  /** Chance of winning from this stage, 0..1, used to weight pipeline coverage. */
  readonly probability: number;
}

export interface Pipeline {
  readonly id: string;
  readonly stages: readonly DealStageDefinition[];
}

export const DEFAULT_PIPELINES: readonly Pipeline[] = [
  {
    id: 'default',
    stages: [
      { name: 'discovery', probability: 0.1 },
      { name: 'demo', probability: 0.3 },
      { name: 'proposal', probability: 0.6 },
      { name: 'negotiation', probability: 0.8 },
    ],
  },
  {
    id: 'real_estate',
    stages: [
      { name: 'discovery', probability: 0.1 },
      { name: 'viewing', probability: 0.35 },
      { name: 'offer', probability: 0.65 },
      { name: 'negotiation', probability: 0.85 },
    ],
  },
  {
    id: 'car_dealer',
    stages: [
      { name: 'discovery', probability: 0.1 },
      { name: 'test_drive', probability: 0.4 },
      { name: 'proposal', probability: 0.6 },
      { name: 'negotiation', probability: 0.8 },
    ],
  },
];

export const findDealStage = (pipeline: Pipeline, name: string): DealStageDefinition | undefined =>
  pipeline.stages.find((stage) => stage.name === name);
