// given(events).when(command).then(events) for deciders, after emmett's deciderSpecification.
// Plain node:assert, so it runs under any test runner and in the domain's pure code paths.
import { deepStrictEqual, fail, ok, strictEqual } from 'node:assert/strict';
import { DomainError, type DomainErrorCode } from '../errors.js';

export interface Decider<Command, Event, State> {
  readonly decide: (command: Command, state: State) => readonly Event[] | DomainError;
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: State;
}

export interface ThenClause<Event, State> {
  /** The command produced exactly these events, in this order. */
  then(expected: readonly Event[]): void;
  /** The command was refused with this code; the error is returned for further checks. */
  thenFails(code: DomainErrorCode): DomainError;
  /** The command was accepted and changed nothing (an idempotent no-op). */
  thenNothing(): void;
  /** The state after the given events and the produced ones (fails when the command was refused). */
  thenState(check: (state: State) => void): void;
}

export interface GivenClause<Command, Event, State> {
  when(command: Command): ThenClause<Event, State>;
}

export interface DeciderSpecification<Command, Event, State> {
  given(events: readonly Event[]): GivenClause<Command, Event, State>;
}

/** Freezing inputs makes any mutation by decide or evolve throw, which is the purity we promise. */
const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};

const describeResult = (result: readonly unknown[] | DomainError): string =>
  result instanceof DomainError ? `DomainError ${result.code}: ${result.message}` : JSON.stringify(result, null, 2);

export const deciderSpecification = <Command extends { readonly type: string }, Event, State>(
  decider: Decider<Command, Event, State>,
): DeciderSpecification<Command, Event, State> => ({
  given: (events) => ({
    when: (command) => {
      const run = () => {
        const state = deepFreeze(deepFreeze(events).reduce(decider.evolve, decider.initialState));
        return { state, result: decider.decide(deepFreeze(command), state) };
      };
      const accepted = (): { state: State; produced: readonly Event[] } => {
        const { state, result } = run();
        if (result instanceof DomainError) fail(`${command.type} was refused: ${result.code}: ${result.message}`);
        // Whatever decide produces must fold: evolve has to know every event it emits.
        return { state: result.reduce(decider.evolve, state), produced: result };
      };
      return {
        then: (expected) => deepStrictEqual(accepted().produced, expected),
        thenNothing: () => deepStrictEqual(accepted().produced, []),
        thenState: (check) => check(accepted().state),
        thenFails: (code) => {
          const { result } = run();
          ok(result instanceof DomainError, `${command.type} expected to fail with ${code}, got ${describeResult(result)}`);
          strictEqual(result.code, code, `${command.type} failed with ${result.code} (${result.message}), expected ${code}`);
          strictEqual(result.command, command.type);
          return result;
        },
      };
    },
  }),
});
