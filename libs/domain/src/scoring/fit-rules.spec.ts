import { describe, expect, it } from '@jest/globals';
import type { LeadProfile } from '../lead-profile.js';
import { companySizeBandOf, emailDomain, fitLines, matchesDomainPattern, seniorityOf } from './fit-rules.js';
import { captured, day, erased, lineOf, pointsOf, updated } from './scoring.fixtures.js';
import { scoreLead } from './score-lead.js';
import { DEFAULT_SCORING_MODEL, scoringModel } from './scoring-model.js';

const fitOf = (profile: Partial<LeadProfile>) => scoreLead([captured(profile)], day(0));

describe('fit rules', () => {
  it.each([
    ['decision_maker', 15],
    ['influencer', 8],
    ['user', 3],
    ['other', 0],
  ] as const)('decision role %s gives %d', (decisionRole, points) => {
    expect(pointsOf(fitOf({ decisionRole }), 'decision_role')).toBe(points);
  });

  it('gives industry points only inside the ideal customer profile, compared normalised', () => {
    expect(pointsOf(fitOf({ company: { industry: 'Financial Services' } }), 'icp_industry')).toBe(10);
    expect(pointsOf(fitOf({ company: { industry: 'software' } }), 'icp_industry')).toBe(10);
    expect(lineOf(fitOf({ company: { industry: 'Agriculture' } }), 'icp_industry')).toBeUndefined();
  });

  it.each([
    [5, '1-10', 0],
    [11, '11-50', 3],
    [200, '51-200', 6],
    [201, '201-1000', 10],
    [4000, '1001-5000', 8],
    [80000, '5001+', 5],
  ])('%d employees fall in band %s (%d points)', (employees, label, points) => {
    const line = lineOf(fitOf({ company: { employees } }), 'company_size');
    expect(line?.points).toBe(points);
    expect(line?.detail).toContain(label);
  });

  it('finds no band outside the bands', () => {
    expect(companySizeBandOf(0, DEFAULT_SCORING_MODEL.fit.companySizeBands)).toBeNull();
  });

  it.each([
    ['CEO', 'c_level', 10],
    ['Co-Founder & CTO', 'c_level', 10],
    ['Managing Director DACH', 'c_level', 10],
    ['Vice President, Sales', 'vp', 8],
    ['SVP Engineering', 'vp', 8],
    ['Director of Marketing', 'director', 6],
    ['Head of Growth', 'director', 6],
    ['Marketing Manager', 'manager', 4],
    ['Assistant to the CEO', 'assistant', 0],
    ['Marketing Intern', 'assistant', 0],
  ])('title %s is %s (%d points)', (title, level, points) => {
    expect(seniorityOf(title, DEFAULT_SCORING_MODEL.fit.seniority)?.level.level).toBe(level);
    expect(pointsOf(fitOf({ title }), 'seniority')).toBe(points);
  });

  it('does not read seniority into unrelated words', () => {
    expect(seniorityOf('Software Engineer', DEFAULT_SCORING_MODEL.fit.seniority)).toBeNull();
    expect(seniorityOf('Product Owner', DEFAULT_SCORING_MODEL.fit.seniority)).toBeNull();
    expect(seniorityOf('Headhunter', DEFAULT_SCORING_MODEL.fit.seniority)).toBeNull();
  });

  it('takes points off a free-mail address', () => {
    expect(pointsOf(fitOf({ email: 'ada@gmail.com' }), 'free_mail')).toBe(-10);
    expect(lineOf(fitOf({ email: 'ada@acme.io' }), 'free_mail')).toBeUndefined();
  });

  it.each([
    ['stud@mit.edu', true],
    ['stud@cs.stanford.edu', true],
    ['stud@ox.ac.uk', true],
    ['stud@students.ox.ac.uk', true],
    ['stud@usp.edu.br', true],
    ['ada@edu.com', false],
    ['ada@education.com', false],
    ['ada@acme.io', false],
  ])('%s is a student address: %s', (email, student) => {
    expect(pointsOf(fitOf({ email }), 'student_email')).toBe(student ? -20 : undefined);
  });

  it('matches student patterns label by label', () => {
    expect(matchesDomainPattern('ox.ac.uk', 'ac.xx')).toBe(true);
    expect(matchesDomainPattern('ac.uk', 'ac.xx')).toBe(false);
    expect(matchesDomainPattern('ox.ac.com', 'ac.xx')).toBe(false);
  });

  it('takes 50 points off a competitor, by email domain or company domain, subdomains included', () => {
    expect(pointsOf(fitOf({ email: 'spy@hubspot.com' }), 'competitor')).toBe(-50);
    expect(pointsOf(fitOf({ email: 'spy@eu.salesforce.com' }), 'competitor')).toBe(-50);
    expect(pointsOf(fitOf({ email: 'spy@gmail.com', company: { domain: 'https://www.pipedrive.com/' } }), 'competitor')).toBe(-50);
    expect(lineOf(fitOf({ email: 'ada@nothubspot.com' }), 'competitor')).toBeUndefined();
  });

  it('reads the email domain, or none', () => {
    expect(emailDomain('Ada@Acme.IO')).toBe('acme.io');
    expect(emailDomain('[erased]')).toBeNull();
  });

  it('adds the fit rules up: a VP decision-maker at a 300-person software company', () => {
    const score = fitOf({
      email: 'ada@acme.io', title: 'VP Sales', decisionRole: 'decision_maker',
      company: { industry: 'Software', employees: 300 },
    });
    expect(score.breakdown.map((l) => [l.rule, l.points])).toEqual([
      ['decision_role', 15], ['icp_industry', 10], ['company_size', 10], ['seniority', 8],
    ]);
    expect(score.fit).toBe(43);
    expect(score.total).toBe(43);
  });

  it('scores the latest profile: capture with updates applied, company replaced whole', () => {
    const events = [
      captured({ title: 'Marketing Manager', decisionRole: 'user', company: { industry: 'Software', employees: 30 } }),
      updated({ title: 'Director of Marketing', decisionRole: 'influencer' }, day(1)),
      updated({ company: { industry: 'Agriculture', employees: 300 } }, day(2)),
    ];
    expect(scoreLead(events, day(0)).fit).toBe(3 + 10 + 3 + 4);
    expect(scoreLead(events, day(1)).fit).toBe(8 + 10 + 3 + 6);
    expect(scoreLead(events, day(2)).fit).toBe(8 + 10 + 6);
    expect(lineOf(scoreLead(events, day(2)), 'icp_industry')).toBeUndefined();
  });

  it('stops scoring title and email once personal data is erased; role and company stay', () => {
    const events = [
      captured({ email: 'ada@gmail.com', title: 'CEO', decisionRole: 'decision_maker', company: { industry: 'SaaS' } }),
      erased(day(5)),
    ];
    expect(scoreLead(events, day(1)).fit).toBe(15 + 10 + 10 - 10);
    expect(scoreLead(events, day(5)).breakdown.map((l) => l.rule)).toEqual(['decision_role', 'icp_industry']);
  });

  it('has no fit before a capture', () => {
    expect(fitLines(null, DEFAULT_SCORING_MODEL)).toEqual([]);
    expect(scoreLead([], day(0)).total).toBe(0);
  });

  it('uses the model lists: another ICP, other free-mail domains', () => {
    const model = scoringModel({ version: 'test-fit', fit: { icpIndustries: ['Agriculture'], freeMailDomains: ['acme.io'] } });
    const score = scoreLead([captured({ email: 'ada@acme.io', company: { industry: 'agriculture' } })], day(0), model);
    expect(score.breakdown.map((l) => [l.rule, l.points])).toEqual([['icp_industry', 10], ['free_mail', -10]]);
  });
});
