/**
 * The planned ladder lives in rules/escalation.ts (one representation for the rules, the activities and the workflow);
 * re-exported here for the modules that imported it from the activities.
 */
export { planLegacyLadder, planStepLadder, type PlannedRung } from '../rules/escalation';
