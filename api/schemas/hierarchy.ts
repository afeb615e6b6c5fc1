import { Type } from 'typebox';

const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });

/** One text that applies to a case (rules/hierarchy.ts), as the case, its tasks and the preview give it. */
export const ApplicableText = Type.Object(
  {
    id: Type.String({ description: 'The text’s id; a loaded text has the id of its rule pack' }),
    titleZh: Type.String(),
    titleEn: Type.String(),
    number: Type.Optional(Type.Object({ zh: Type.String(), en: Type.String() }, { description: '文号, e.g. 国务院令第809号, where our sources give it' })),
    rank: Type.String({ description: 'law > administrative-regulation > local-regulation > government-rules; consultation-draft is not law' }),
    rankLabel: Bilingual,
    jurisdiction: Type.String({ description: 'national, or the province' }),
    inForce: Type.Union([Type.Object({ from: Type.String(), to: Type.Optional(Type.String()) }), Type.Null()]),
    binding: Type.Boolean(),
    loaded: Type.Boolean({ description: 'Whether its rules are loaded into this system as a rule pack' }),
    pack: Type.Union([Type.String(), Type.Null()], { description: 'Its rule pack; null when its rules are not loaded' }),
    deadlinesFrom: Type.Boolean({ description: 'Whether the deadlines shown are computed from it' }),
    note: Bilingual,
  },
  { description: 'A text in force for the case’s jurisdiction on its receipt date (Asia/Shanghai)' },
);

/** What a case says when a higher text applies whose rules are not loaded. */
export const HierarchyWarning = Type.Object(
  {
    code: Type.Literal('higher-text-not-loaded'),
    texts: Type.Array(Type.String(), { description: 'The ids of the higher texts not loaded' }),
    zh: Type.String({ description: 'The warning in Chinese, complete on its own' }),
    en: Type.String({ description: 'The warning in English, complete on its own' }),
  },
  {
    description:
      'Set when a text ranking above the one the deadlines are computed from applies on the receipt date and its rules are not loaded (from 2025-08-01: 《政务数据共享条例》, 国务院令第809号): the deadlines are then not all the law that applies',
  },
);

/** The two fields a case, a task and a preview carry. */
export const hierarchyFields = {
  warning: Type.Union([HierarchyWarning, Type.Null()]),
  applicableTexts: Type.Array(ApplicableText, { description: 'Every text that applies on the receipt date, highest rank first' }),
};
