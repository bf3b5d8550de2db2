// Where global setup leaves its teardown for global teardown.
export const TEARDOWN_KEY = Symbol.for('leadline.test.teardown');
export type Teardown = () => Promise<void>;
