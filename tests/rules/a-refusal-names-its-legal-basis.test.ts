import { describe, expect, it } from 'vitest';
import { checkLegalBasis, getPack, legalBasisRequiredFor, type LegalBasis } from '../../rules';

const secrets: LegalBasis = { kind: 'law', title: '《中华人民共和国保守国家秘密法》', article: '第二十八条' };

describe('a refusal names its legal basis', () => {
  it('is required on refusing and upholding a refusal under each text that forbids refusing without one', () => {
    // Hebei draft art. 19 (hebei-2023 takes it from the draft), Anhui art. 21, Hebei 2016 art. 12.
    expect(legalBasisRequiredFor(getPack('hebei-2023'), ['agree', 'refuse'])).toEqual(['refuse']);
    expect(legalBasisRequiredFor(getPack('anhui-2021'), ['order-provision', 'uphold-refusal'])).toEqual(['uphold-refusal']);
    expect(legalBasisRequiredFor(getPack('hebei-2016'), ['agree', 'no-agreement'])).toEqual(['no-agreement']);
    expect(getPack('hebei-2023').refusalBasis.citation.article).toContain('第十九条');
    expect(getPack('anhui-2021').refusalBasis.citation.textZh).toContain('没有法律、行政法规或者党中央、国务院政策依据,不得拒绝');
    expect(getPack('hebei-2016').refusalBasis.citation.article).toContain('第12条');
  });

  it('refuses a refusal with reasons only, naming body.legalBasis and the article', () => {
    const problem = checkLegalBasis(getPack('hebei-2023'), ['agree', 'refuse'], { decision: 'refuse' });
    expect(problem?.field).toBe('body.legalBasis');
    expect(problem?.message).toContain('第十九条');
    expect(problem?.message).toContain('法律依据');
  });

  it('accepts a complete basis of a kind the text admits', () => {
    expect(checkLegalBasis(getPack('anhui-2021'), ['agree', 'refuse'], { decision: 'refuse', legalBasis: secrets })).toBeNull();
  });

  it('refuses a kind the text does not admit: Anhui admits no local regulation, the 2016 Provisions no policy', () => {
    const local = checkLegalBasis(getPack('anhui-2021'), ['agree', 'refuse'], { decision: 'refuse', legalBasis: { ...secrets, kind: 'local-regulation' } });
    expect(local?.field).toBe('body.legalBasis.kind');
    expect(local?.message).toContain('行政法规');
    const policy = checkLegalBasis(getPack('hebei-2016'), ['agree', 'no-agreement'], { decision: 'no-agreement', legalBasis: { ...secrets, kind: 'national-policy' } });
    expect(policy?.field).toBe('body.legalBasis.kind');
    expect(checkLegalBasis(getPack('hebei-2023'), ['agree', 'refuse'], { decision: 'refuse', legalBasis: { ...secrets, kind: 'local-regulation' } })).toBeNull();
  });

  it('refuses a basis with no written name or article (a zero-width space is not one)', () => {
    const pack = getPack('hebei-2023');
    expect(checkLegalBasis(pack, ['refuse'], { decision: 'refuse', legalBasis: { ...secrets, title: '\u200b' } })?.field).toBe('body.legalBasis.title');
    expect(checkLegalBasis(pack, ['refuse'], { decision: 'refuse', legalBasis: { ...secrets, article: '  ' } })?.field).toBe('body.legalBasis.article');
    // Nor are combining accents with nothing under them, or private-use characters.
    expect(checkLegalBasis(pack, ['refuse'], { decision: 'refuse', legalBasis: { ...secrets, title: '\u0301' } })?.field).toBe('body.legalBasis.title');
    expect(checkLegalBasis(pack, ['refuse'], { decision: 'refuse', legalBasis: { ...secrets, article: '\ue000' } })?.field).toBe('body.legalBasis.article');
  });

  it('is not asked of an extension decision, whose "refuse" refuses time, not sharing', () => {
    expect(checkLegalBasis(getPack('hebei-2023'), [], { decision: 'refuse' })).toBeNull();
  });

  it('is refused on a decision that takes none, so no basis is recorded where it does not belong', () => {
    expect(checkLegalBasis(getPack('hebei-2023'), ['agree', 'refuse'], { decision: 'agree', legalBasis: secrets })?.field).toBe('body.legalBasis');
  });

  it('is required in Anhui for classing an entry conditional or not shared (art. 22), not for classing it unconditional', () => {
    const anhui = getPack('anhui-2021');
    const classing = checkLegalBasis(anhui, ['updated'], { decision: 'updated', payload: { sharingAttribute: 'not-shared' } });
    expect(classing?.field).toBe('body.legalBasis');
    expect(classing?.message).toContain('第22条');
    expect(checkLegalBasis(anhui, ['updated'], { decision: 'updated', payload: { sharingAttribute: 'conditional' }, legalBasis: secrets })).toBeNull();
    expect(checkLegalBasis(anhui, ['updated'], { decision: 'updated', payload: { sharingAttribute: 'unconditional' } })).toBeNull();
    // The Hebei draft sends not-shared data to the negative list (art. 15) rather than a catalogue update.
    expect(checkLegalBasis(getPack('hebei-2023'), ['submitted'], { decision: 'submitted', payload: { sharingAttribute: 'conditional' } })).toBeNull();
  });
});
