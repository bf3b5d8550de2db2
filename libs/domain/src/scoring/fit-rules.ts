// Fit: who the lead is. Scored on the latest profile; never decays.
import type { LeadProfile } from '../lead-profile.js';
import type { ScoreLine } from './score-line.js';
import { roundPoints } from './score-line.js';
import type { CompanySizeBand, FitModel, FitRule, ScoringModel, SeniorityLevel } from './scoring-model.js';

/** Lower case, every run of characters other than letters and digits as one space, trimmed. */
const words = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Industries compare as lower-case words joined by `_`: "Financial Services" is `financial_services`. */
export const normaliseIndustry = (industry: string): string => words(industry).replace(/ /g, '_');

/** The domain of an email address, lower-cased; null when there is none (e.g. an erased email). */
export const emailDomain = (email: string): string | null => {
  const at = email.lastIndexOf('@');
  const domain = at < 0 ? '' : email.slice(at + 1).trim().toLowerCase();
  return domain === '' ? null : domain;
};

/** A company domain as people type it (`https://www.acme.com/`) reduced to `acme.com`. */
export const normaliseDomain = (domain: string): string =>
  domain.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/[/?#].*$/, '').replace(/^www\./, '');

/** `domain` is `parent` (both normalised) or one of its subdomains. */
const isDomainOrSubdomain = (domain: string | null, parent: string): boolean =>
  domain !== null && (domain === parent || domain.endsWith(`.${parent}`));

/** See `FitModel.studentDomainPatterns`: label-wise suffix match, `xx` = any two-letter label. */
export const matchesDomainPattern = (domain: string, pattern: string): boolean => {
  const labels = domain.split('.');
  const wanted = pattern.toLowerCase().split('.');
  if (labels.length <= wanted.length) return false; // `edu` alone is not a university's domain
  const tail = labels.slice(labels.length - wanted.length);
  return wanted.every((w, i) => (w === 'xx' ? /^[a-z]{2}$/.test(tail[i]) : w === tail[i]));
};

export const companySizeBandOf = (employees: number, bands: readonly CompanySizeBand[]): CompanySizeBand | null =>
  bands.find((b) => employees >= b.minEmployees && (b.maxEmployees === null || employees <= b.maxEmployees)) ?? null;

/**
 * A model's lists as the rules compare them, normalised once per list rather than once per profile
 * scored: normalising every free-mail domain and keyword again was most of what scoring a captured
 * lead allocated. Keyed by the model's own arrays, which the scoring model never changes.
 */
const memo = <T extends object, R>(compute: (list: T) => R): ((list: T) => R) => {
  const cache = new WeakMap<T, R>();
  return (list) => {
    let result = cache.get(list);
    if (result === undefined) {
      result = compute(list);
      cache.set(list, result);
    }
    return result;
  };
};

const seniorityKeywords = memo((levels: readonly SeniorityLevel[]) =>
  levels.flatMap((level) => level.keywords.map((keyword) => ({ level, keyword, normalised: words(keyword) }))));
const industrySet = memo((industries: readonly string[]) => new Set(industries.map(normaliseIndustry)));
const domainSet = memo((domains: readonly string[]) => new Set(domains.map(normaliseDomain)));
const normalisedDomains = memo((domains: readonly string[]) => domains.map(normaliseDomain));

/** The seniority level a title shows, and the keyword that showed it (longest match wins). */
export const seniorityOf = (
  title: string,
  levels: readonly SeniorityLevel[],
): { level: SeniorityLevel; keyword: string } | null => {
  const padded = ` ${words(title)} `;
  let best: { level: SeniorityLevel; keyword: string; length: number } | null = null;
  for (const { level, keyword, normalised } of seniorityKeywords(levels)) {
    if (normalised === '' || !padded.includes(` ${normalised} `)) continue;
    if (best === null || normalised.length > best.length) best = { level, keyword, length: normalised.length };
  }
  return best === null ? null : { level: best.level, keyword: best.keyword };
};

const line = (rule: FitRule, points: number, detail: string): ScoreLine => {
  const rounded = roundPoints(points);
  return { rule, category: 'fit', points: rounded, rawPoints: rounded, count: 1, capped: false, detail };
};

/** The fit lines of a profile, in the order of `FIT_RULES`; a rule that does not apply gives no line. */
export const fitLines = (profile: LeadProfile | null, model: ScoringModel): ScoreLine[] => {
  if (profile === null) return [];
  const fit: FitModel = model.fit;
  const lines: ScoreLine[] = [];
  const company = profile.company;

  if (profile.decisionRole !== undefined) {
    lines.push(line('decision_role', fit.decisionRole[profile.decisionRole], `decision role ${profile.decisionRole}`));
  }
  if (company?.industry !== undefined) {
    const industry = normaliseIndustry(company.industry);
    if (industrySet(fit.icpIndustries).has(industry)) {
      lines.push(line('icp_industry', fit.icpIndustryPoints, `industry "${company.industry}" is in the ideal customer profile`));
    }
  }
  if (company?.employees !== undefined) {
    const band = companySizeBandOf(company.employees, fit.companySizeBands);
    if (band !== null) {
      lines.push(line('company_size', band.points, `${company.employees} employees: band ${band.label}`));
    }
  }
  if (profile.title !== undefined) {
    const seniority = seniorityOf(profile.title, fit.seniority);
    if (seniority !== null) {
      lines.push(line('seniority', seniority.level.points,
        `title "${profile.title}" matched "${seniority.keyword}": ${seniority.level.level}`));
    }
  }
  const domain = emailDomain(profile.email);
  if (domain !== null && domainSet(fit.freeMailDomains).has(domain)) {
    lines.push(line('free_mail', fit.freeMailPoints, `free-mail address (${domain})`));
  }
  const studentPattern = domain === null ? undefined : fit.studentDomainPatterns.find((p) => matchesDomainPattern(domain, p));
  if (studentPattern !== undefined) {
    lines.push(line('student_email', fit.studentPoints, `student address (${domain} matches ${studentPattern})`));
  }
  const companyDomain = company?.domain === undefined ? null : normaliseDomain(company.domain);
  const competitor = normalisedDomains(fit.competitorDomains).find((c) => isDomainOrSubdomain(domain, c) || isDomainOrSubdomain(companyDomain, c));
  if (competitor !== undefined) {
    lines.push(line('competitor', fit.competitorPoints, `competitor domain ${competitor}`));
  }
  return lines;
};
