/** Base class of every error the rules throw; `code` is stable for API and CLI mapping. */
export class RulesError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Thrown when a pack id is not one of the registered packs. */
export class UnknownPackError extends RulesError {
  constructor(
    readonly packId: unknown,
    readonly known: readonly string[],
  ) {
    super(`unknown rule pack ${JSON.stringify(packId)}; known: ${known.join(', ')}`, 'UNKNOWN_PACK');
  }
}

/** Thrown when no bindable pack is in force in a jurisdiction on a date (e.g. Hebei before 2016). */
export class NoPackInForceError extends RulesError {
  constructor(
    readonly jurisdiction: string,
    readonly date: string,
  ) {
    super(`no rule pack in force in ${JSON.stringify(jurisdiction)} on ${date}`, 'NO_PACK_IN_FORCE');
  }
}

/** Thrown when a flow id is unknown, or the pack's text has no such process. */
export class UnknownFlowError extends RulesError {
  constructor(
    readonly packId: string,
    readonly flow: unknown,
    readonly known: readonly string[],
  ) {
    super(`pack ${packId} has no flow ${JSON.stringify(flow)}; it has: ${known.join(', ')}`, 'UNKNOWN_FLOW');
  }
}

/** Thrown when a step id is not a step of the flow. */
export class UnknownStepError extends RulesError {
  constructor(
    readonly packId: string,
    readonly flow: string,
    readonly stepId: unknown,
    readonly known: readonly string[],
  ) {
    super(`flow ${flow} of ${packId} has no step ${JSON.stringify(stepId)}; it has: ${known.join(', ')}`, 'UNKNOWN_STEP');
  }
}

/** Thrown when a receipt instant is not an ISO 8601 instant with an offset (or a YYYY-MM-DD date). */
export class InvalidInstantError extends RulesError {
  constructor(
    readonly field: string,
    readonly value: unknown,
  ) {
    super(`${field}: invalid instant ${JSON.stringify(value)} (expected e.g. 2025-09-28T10:00:00+08:00)`, 'INVALID_INSTANT');
  }
}

/** Thrown when an override targets a figure that is law or draft, or a step that does not exist, or is malformed. */
export class PolicyOverrideError extends RulesError {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`policy override ${path}: ${detail}`, 'INVALID_OVERRIDE');
  }
}

/** Thrown when a decision is not one the step allows. */
export class UnknownDecisionError extends RulesError {
  constructor(
    readonly stepId: string,
    readonly decision: unknown,
    readonly allowed: readonly string[],
  ) {
    super(`step ${stepId} has no decision ${JSON.stringify(decision)}; allowed: ${allowed.join(', ') || '(none)'}`, 'UNKNOWN_DECISION');
  }
}

/** Thrown when a step's clock anchor is not an earlier step of its flow (an error in the pack data). */
export class AnchorOrderError extends RulesError {
  constructor(
    readonly stepId: string,
    readonly anchor: string,
  ) {
    super(`step ${stepId} counts from ${anchor}, which is not an earlier step of the flow`, 'ANCHOR_ORDER');
  }
}
