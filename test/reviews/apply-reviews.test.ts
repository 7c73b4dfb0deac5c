import { describe, expect, it } from 'vitest';
import { checkResultView, confidenceBand, findingView } from '../../functions/app/check-result-view.ts';
import { RULES_VERSION } from '../../functions/checker/check.ts';
import { flagConfidence } from '../../functions/domain/compliance/flags.ts';
import { DomainError } from '../../functions/domain/errors.ts';
import { applyReviews, reviewDisagreements } from '../../functions/domain/reviews/apply-reviews.ts';
import { planReview } from '../../functions/domain/reviews/plan-review.ts';
import { storedReview, weakResult } from './fixtures.ts';

const officer = { id: 'officer-1', email: 'olive@officers.example' };
const at = '2026-11-29T12:00:00.000Z';

describe('reviews laid over an automated result', () => {
  it('recomputes the summary from an overturned finding (weak becomes adequate)', () => {
    const automated = weakResult();
    expect(automated.summary).toEqual({ meetsLegalMinimum: true, areasCovered: 2, rating: 'weak' });
    const reviewed = applyReviews(automated, [storedReview()]);
    expect(reviewed.summary).toEqual({ meetsLegalMinimum: true, areasCovered: 3, rating: 'adequate' });
    const risk = reviewed.findings.find((f) => f.rule === 'uk-area-risk');
    expect(risk).toMatchObject({
      status: 'pass',
      confidence: 0.55,
      review: { decision: 'overturn', status: 'pass', automatedStatus: 'fail', by: 'register' },
    });
    expect(JSON.stringify(reviewed)).not.toContain('olive@officers.example');
    expect(automated.findings.find((f) => f.rule === 'uk-area-risk')?.status).toBe('fail');
  });

  it('re-applies a review after a recheck under new rules when the automated status is unchanged', () => {
    const reviewed = applyReviews(weakResult('2099.1'), [storedReview()]);
    expect(reviewed.summary.rating).toBe('adequate');
    expect(reviewed.findings.find((f) => f.rule === 'uk-area-risk')?.review?.outdated).toBeUndefined();
  });

  it('keeps a review in force when a recheck gives another automated status, saying what it now says', () => {
    const rechecked = weakResult('2099.1');
    const risk = rechecked.findings.find((f) => f.rule === 'uk-area-risk')!;
    risk.status = 'warn';
    const reviewed = applyReviews(rechecked, [storedReview()]);
    expect(reviewed.findings.find((f) => f.rule === 'uk-area-risk')).toMatchObject({
      status: 'pass',
      review: { automatedStatus: 'fail', status: 'pass', automatedNow: 'warn' },
    });
    expect(reviewed.summary.rating).toBe('adequate');
  });

  it.each([
    ['the automated status is unchanged', 'fail', false],
    ['the recheck now agrees with the reviewed status', 'pass', false],
    ['the recheck gives a third status', 'warn', true],
    ['the recheck gives a status nobody chose', 'unknown', true],
  ] as const)(
    'flags a disagreement with an overturn (fail → pass) when %s: %s → %s',
    (_case, now, disagrees) => {
      const rechecked = weakResult('2099.1');
      rechecked.findings.find((f) => f.rule === 'uk-area-risk')!.status = now;
      const found = reviewDisagreements(rechecked, [storedReview()]);
      expect(found).toEqual(
        disagrees
          ? [
              {
                rule: 'uk-area-risk',
                reviewed: 'pass',
                automatedBefore: 'fail',
                automatedNow: now,
                confidence: 0.55,
              },
            ]
          : [],
      );
    },
  );

  it('flags a confirmed finding the recheck now contradicts', () => {
    const rechecked = weakResult('2099.1');
    rechecked.findings.find((f) => f.rule === 'uk-area-risk')!.status = 'pass';
    const confirmed = storedReview({ decision: 'confirm', status: 'fail', automatedStatus: 'fail' });
    expect(reviewDisagreements(rechecked, [confirmed])).toEqual([
      expect.objectContaining({ reviewed: 'fail', automatedNow: 'pass' }),
    ]);
    expect(applyReviews(rechecked, [confirmed]).summary).toEqual(
      applyReviews(weakResult(), [confirmed]).summary,
    );
  });

  it('counts an unclear finding an officer settled: unclear unknown overturned to fail lowers the rating', () => {
    const withRisk = applyReviews(weakResult(), [storedReview()]);
    expect(withRisk.summary.rating).toBe('adequate');
    const settled = applyReviews(weakResult(), [
      storedReview(),
      storedReview({ rule: 'uk-area-training', status: 'fail', automatedStatus: 'unknown' }),
    ]);
    expect(settled.findings.find((f) => f.rule === 'uk-area-training')).toMatchObject({
      status: 'fail',
      certainty: 'confident',
    });
    expect(settled.summary.rating).toBe('weak');
  });

  it('answers the result itself when nothing was reviewed', () => {
    const automated = weakResult();
    expect(applyReviews(automated, [])).toBe(automated);
  });
});

describe('planning an officer’s review', () => {
  const input = (otherReviews = [storedReview()]) => ({
    statementId: '01JDQ8Z4V6W4Y0B3C9E7K2M5N8',
    revision: 1,
    rule: 'uk-area-effectiveness' as const,
    automatedResult: weakResult(),
    otherReviews,
  });

  it('keeps the other findings’ reviews when recomputing the summary', () => {
    const plan = planReview(
      input(),
      { decision: 'overturn', status: 'pass', reason: 'KPIs in table 2' },
      officer,
      at,
    );
    expect(plan.result.summary).toEqual({ meetsLegalMinimum: true, areasCovered: 4, rating: 'adequate' });
    expect(plan.automated.status).toBe('fail');
    expect(plan.reviewed.status).toBe('pass');
    expect(plan.review).toMatchObject({
      automatedStatus: 'fail',
      status: 'pass',
      officer,
      rulesVersion: RULES_VERSION,
    });
  });

  it('confirms at the automated status whatever status is sent', () => {
    const plan = planReview(
      input([]),
      { decision: 'confirm', status: 'pass', reason: 'Agreed' },
      officer,
      at,
    );
    expect(plan.review.status).toBe('fail');
    expect(plan.reviewed.review).toMatchObject({ decision: 'confirm', status: 'fail' });
    expect(plan.result.summary.rating).toBe('weak');
  });

  it.each([
    [
      'an overturn to the status it already has',
      { rule: 'uk-area-effectiveness', status: 'fail' },
      'invalid',
    ],
    ['a rule the result does not have', { rule: 'uk-remediation', status: 'pass' }, 'not_found'],
  ] as const)('refuses %s', (_name, body, kind) => {
    expect.assertions(2);
    try {
      planReview(
        { ...input([]), rule: body.rule },
        { decision: 'overturn', status: body.status, reason: 'x' },
        officer,
        at,
      );
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).kind).toBe(kind);
    }
  });
});

describe('what the pages say about a finding', () => {
  it.each([
    [0.95, 'high'],
    [0.8, 'high'],
    [0.7, 'medium'],
    [0.59, 'low'],
  ] as const)('calls confidence %s %s', (confidence, band) => {
    expect(confidenceBand(confidence)).toBe(band);
  });

  it('says an automated finding is automated, with its confidence, and numbers sentences from 1', () => {
    const view = checkResultView(weakResult());
    const approval = view.sections[0]!.findings.find((f) => f.rule === 'uk-approval')!;
    expect(approval.originText).toBe('Automated check, high confidence (0.97)');
    expect(approval.origin).toBe('automated');
    expect(approval.askable).toBe(false);
    expect(view.sections[1]!.findings.filter((f) => f.askable).map((f) => f.rule)).toEqual([
      'uk-area-due-diligence',
      'uk-area-risk',
      'uk-area-effectiveness',
      'uk-area-training',
    ]);
    expect(approval.evidence[0]).toMatchObject({ sentence: 2 });
    expect(view.sentences.map((s) => s.number)).toEqual([1, 2]);
    expect(view.reviewed).toBe(false);
  });

  it('shows unknown and unclear as Unclear, and a reviewed finding as reviewed by the register', () => {
    const view = checkResultView(applyReviews(weakResult(), [storedReview()]));
    const guidance = view.sections[1]!.findings;
    expect(guidance.find((f) => f.rule === 'uk-area-training')?.statusTag?.text).toBe('Unclear');
    const risk = guidance.find((f) => f.rule === 'uk-area-risk')!;
    expect(risk).toMatchObject({ origin: 'reviewed', originText: 'Reviewed by the register' });
    expect(risk.automatedText).toBe('Automated check, low confidence (0.55)');
    expect(risk.review).toMatchObject({
      date: '29 November 2026',
      automatedStatusText: 'Fail',
      statusText: 'Pass',
    });
    expect(view.reviewed).toBe(true);
  });

  it('shows advice for failing and unclear findings only', () => {
    const advice = {
      lookedFor: 'Sentences about risk',
      searchedIn: 'Section 3',
      howToSatisfy: 'Name the risks',
    };
    const failing = findingView({ ...weakResult().findings[5]!, advice });
    expect(failing.advice).toEqual([
      { label: 'What the checker looked for', text: 'Sentences about risk' },
      { label: 'Where it looked', text: 'Section 3' },
      { label: 'What would satisfy it', text: 'Name the risks' },
    ]);
    expect(findingView({ ...weakResult().findings[0]!, advice }).advice).toEqual([]);
    expect(findingView({ ...weakResult().findings[7]!, advice }).advice).toHaveLength(3);
  });
});

describe('a checker flag’s confidence', () => {
  it('is the lowest of its findings’, a finding without one counting as sure', () => {
    expect(
      flagConfidence([
        { rule: 'uk-area-risk', status: 'fail', message: '', confidence: 0.55 },
        { rule: 'uk-area-training', status: 'fail', message: '' },
      ]),
    ).toBe(0.55);
    expect(flagConfidence([])).toBe(1);
  });
});
