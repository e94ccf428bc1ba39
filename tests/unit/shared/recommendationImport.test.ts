// The recommendations import parser, on real HMICFRS recommendation lists pasted as a user
// would paste them (tests/fixtures/recommendations/*.txt, each with its source at the top).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORTED_RECOMMENDATIONS } from '../../../shared/limits';
import { splitRecommendations } from '../../../shared/recommendationImport';

/** The pasted text of a fixture: everything after its source note and the "---" line. */
function fixture(name: string): string {
  const raw = fs.readFileSync(new URL(`../../fixtures/recommendations/${name}`, import.meta.url), 'utf8');
  const start = raw.indexOf('\n---\n');
  if (!raw.startsWith('# Source:') || start < 0) throw new Error(`${name}: no source note and "---" line`);
  return raw.slice(start + '\n---\n'.length);
}

function texts(input: string): string[] {
  return splitRecommendations(input).map((recommendation) => recommendation.text);
}

const WILTSHIRE_ROCU = [
  'By February 2022, chief officers responsible for SOC in each region, with the chief officers of the affected forces, should make sure that systems are in place for senior investigating officers (SIOs) and lead responsible officers (LROs) to work effectively together.',
  'By February 2022, the chief constable with the lead for SOC in each region, with the chief officers of the affected forces, should ensure that a chief officer is appointed with responsibility for each ROCU, as far as practicable working autonomously of force responsibilities',
];

const DISPROPORTIONATE_USE = [
  'By July 2022, forces should ensure that officers and staff have effective communication skills, in line with the National Policing Guidelines on Conflict Management. This should be in addition to existing training on conflict management and de-escalation.',
  'By July 2021, forces should ensure that communication skills are reinforced as part of the programme of continuing professional development for officers and staff, and that supervisors are supported to routinely and frequently debrief officers on these skills using body-worn video footage.',
  'By September 2021, forces should: ensure that officers record on body-worn video (when this is available) the entirety of all stop and search encounters, including traffic stops and use of force incidents. have a structured process for regularly reviewing and monitoring internally a sufficient sample of body-worn video footage to identify and disseminate learning and hold officers to account when behaviour falls below acceptable standards. provide external scrutiny panel members with access to samples of body-worn video footage showing stop and search encounters and use of force incidents, taking account of the safeguards in the College of Policing’s Authorised Professional Practice.',
  'The Home Office and the NPCC should take steps to ensure that the quality of the data collected on the number of incidents where force has been used to effect a stop and search is sufficient for publication. The Home Office should publish this data as soon as possible.',
  'By July 2021, forces should ensure they have effective internal monitoring processes on the use of force, to help them to identify and understand disproportionate use, explain the reasons and implement any necessary improvement action.',
];

const PEEL_LEGITIMACY_2017 = [
  'By July 2018, all police forces across England and Wales should be regularly and frequently monitoring a comprehensive set of data and information on use of stop and search powers to understand: •the reasons for any disproportionate representation of different ethnic groups in the use of stop and search; •the extent to which find rates differ between people from different ethnicities, and across different types of searches (including separate identification of find rates for drug possession and supply-type offences); and •the prevalence of possession-only drug searches, and the extent to which these align with local or force level priorities.',
  'Where forces identify disparities through monitoring, they should demonstrate to the public that they have: •carried out research and analysis in an attempt to understand the reasons for the disparity, and •taken action to reduce the disparity, where necessary;',
  'We expect forces to publish this analysis and any actions taken at least on an annual basis, from July 2018.',
  'By July 2018, and ongoing following that date, forces should ensure that all officers who use stop and search powers have been provided with, and understand, training on unconscious bias and College of Policing APP on stop and search.',
];

const HAMPSHIRE_PEEL_2016 = [
  'In order to improve the service it provides to victims of domestic abuse, offer the best possible protection and bring more perpetrators to justice, the force should immediately consider ways of increasing the use of arrest, ancillary orders and other available powers.',
  'To improve the service provided to victims of domestic abuse the force should immediately take steps to understand and address the reason behind why such a high proportion of victims of domestic abuse do not support the police investigation.',
  'In addition, the practice of conducting domestic abuse risk assessments over the telephone and dealing with domestic abuse in the resolution centre should cease',
];

const VAWG_INTERIM_2021 = [
  'There should be an immediate and unequivocal commitment that the response to VAWG offences is an absolute priority for government, policing, the criminal justice system, and public sector partnerships. This needs to be supported at a minimum by a relentless focus on these crimes; mandated and clear responsibilities; and sufficient funding so that all partner agencies can work effectively as part of a whole-system approach to reduce and prevent the harms these offences are causing.',
  'The relentless pursuit and disruption of adult perpetrators should be a national priority for the police, and their capability and capacity to do this should be enhanced.',
  'Structures and funding should be put in place to make sure victims receive tailored and consistent support.',
];

const STALKING_SUSSEX_2019 = [
  'Within six months chief constables should ensure that forces record stalking or harassment crimes if appropriate when victims report breaches of orders.',
  'Within six months the National Police Chiefs’ Council (NPCC) lead and the CPS lead should consider whether they can do more to inform police officers and lawyers of the importance of treating breaches of orders as evidence of a wider pattern of offending, and when and in what circumstances officers and lawyers should treat this as further evidence of stalking or harassment.',
  'Within six months chief constables should ensure that officers are aware of the importance of treating breaches of orders, where appropriate, as part of a wider pattern of offending, and ensure that force policy and guidance helps officers to do this. .',
];

describe('splitRecommendations on real recommendation lists', () => {
  it('splits the sample response\'s two "By February 2022" recommendations, leaving out the introduction row', () => {
    expect(texts(fixture('wiltshire-rocu-2021.txt'))).toEqual(WILTSHIRE_ROCU);
  });

  it('splits the sample response the same with blank lines between the rows', () => {
    expect(texts(fixture('wiltshire-rocu-2021.txt').replace(/\n/g, '\n\n'))).toEqual(WILTSHIRE_ROCU);
  });

  it('splits a numbered web list whose items open "By <date>", one item running over three lines', () => {
    expect(texts(fixture('disproportionate-use-2021.txt'))).toEqual(DISPROPORTIONATE_USE);
  });

  it('splits "1.By ..." numbering with inline sub-bullets, which stay inside their recommendation', () => {
    expect(texts(fixture('peel-legitimacy-2017-stop-search.txt'))).toEqual(PEEL_LEGITIMACY_2017);
  });

  it('splits three bullets pasted on one line from a web page, leaving out the cause of concern', () => {
    expect(texts(fixture('hampshire-peel-2016-web.txt'))).toEqual(HAMPSHIRE_PEEL_2016);
  });

  it('splits a PDF-style bulleted list wrapped mid-sentence (reconstructed layout)', () => {
    expect(texts(fixture('hampshire-peel-2016-pdf.txt'))).toEqual(HAMPSHIRE_PEEL_2016);
  });

  it('splits a numbered web list after an introduction ending in ":"', () => {
    expect(texts(fixture('vawg-interim-2021.txt'))).toEqual(VAWG_INTERIM_2021);
  });

  it('splits "Recommendation 1" headings with PDF-wrapped text (reconstructed layout)', () => {
    expect(texts(fixture('vawg-interim-2021-pdf.txt'))).toEqual(VAWG_INTERIM_2021);
  });

  it('splits "Within six months" paragraphs after a "Recommendations:" label, leaving out the cause of concern', () => {
    expect(texts(fixture('stalking-sussex-2019.txt'))).toEqual(STALKING_SUSSEX_2019);
  });

  it('splits the same paragraphs pasted without blank lines between them', () => {
    expect(texts(fixture('stalking-sussex-2019.txt').replace(/\n\n/g, '\n'))).toEqual(STALKING_SUSSEX_2019);
  });
});

describe('splitRecommendations edge cases', () => {
  it('reads CRLF (and lone CR) line endings as LF', () => {
    const lf = fixture('disproportionate-use-2021.txt');
    expect(texts(lf.replace(/\n/g, '\r\n'))).toEqual(DISPROPORTIONATE_USE);
    expect(texts(fixture('wiltshire-rocu-2021.txt').replace(/\n/g, '\r'))).toEqual(WILTSHIRE_ROCU);
  });

  it('reads non-breaking spaces as spaces, in markers and in text', () => {
    const pasted = '1.\u00a0By\u00a0July 2018, forces should ensure\u00a0that\u00a0officers are trained.\n2.\u00a0By July 2019, forces should publish the data.';
    expect(texts(pasted)).toEqual(['By July 2018, forces should ensure that officers are trained.', 'By July 2019, forces should publish the data.']);
    const paragraphs = 'By\u00a0March 2023, chief constables should review vetting.\nBy\u00a0March 2023, chief constables should publish the review.';
    expect(texts(paragraphs)).toEqual(['By March 2023, chief constables should review vetting.', 'By March 2023, chief constables should publish the review.']);
  });

  it('leaves out an introduction line before the list', () => {
    const pasted = ['We make the following recommendations:', '1. Chief constables should review vetting.', '2. Chief constables should publish the review.'].join('\n');
    expect(texts(pasted)).toEqual(['Chief constables should review vetting.', 'Chief constables should publish the review.']);
    const bulleted = ['We make the following recommendations:', '• Chief constables should review vetting.', '• Chief constables should publish the review.'].join('\n');
    expect(texts(bulleted)).toEqual(['Chief constables should review vetting.', 'Chief constables should publish the review.']);
    const paragraphs = ['We make the following recommendations:', '', 'By 31 March 2023, chief constables should review vetting.', '', 'By 31 March 2023, chief constables should publish the review.'].join('\n');
    expect(texts(paragraphs)).toEqual(['By 31 March 2023, chief constables should review vetting.', 'By 31 March 2023, chief constables should publish the review.']);
  });

  it('does not take a year at the start of a line for a list number', () => {
    const numbered = ['1. By March 2023, forces should review the data published in', '2022 was the first year of collection.', '2. Forces should publish it.'].join('\n');
    expect(texts(numbered)).toEqual(['By March 2023, forces should review the data published in 2022 was the first year of collection.', 'Forces should publish it.']);
    const paragraphs = ['By March 2023, forces should review the data.', '2022 was the first year of collection.'].join('\n');
    expect(texts(paragraphs)).toEqual(['By March 2023, forces should review the data. 2022 was the first year of collection.']);
  });

  it('does not take a wrapped line starting with a number out of sequence for a new item', () => {
    const pasted = ['1. Forces should record every breach of an order within the', '12. months of the order, and report them.', '2. Forces should train officers.'].join('\n');
    expect(texts(pasted)).toEqual(['Forces should record every breach of an order within the 12. months of the order, and report them.', 'Forces should train officers.']);
    const plain = ['1 There should be a review of the', '43 Recommendations made since 2014.', '2 The review should be published.'].join('\n');
    expect(texts(plain)).toEqual(['There should be a review of the 43 Recommendations made since 2014.', 'The review should be published.']);
  });

  it('gives nothing for empty or blank input', () => {
    expect(splitRecommendations('')).toEqual([]);
    expect(splitRecommendations(' \n\r\n\t\u00a0\n')).toEqual([]);
  });

  it(`caps an import at ${MAX_IMPORTED_RECOMMENDATIONS} recommendations`, () => {
    const numbered = Array.from({ length: MAX_IMPORTED_RECOMMENDATIONS + 20 }, (_, i) => `${i + 1}. Forces should do thing ${i + 1}.`).join('\n');
    const split = texts(numbered);
    expect(split).toHaveLength(MAX_IMPORTED_RECOMMENDATIONS);
    expect(split[0]).toBe('Forces should do thing 1.');
    expect(split[MAX_IMPORTED_RECOMMENDATIONS - 1]).toBe(`Forces should do thing ${MAX_IMPORTED_RECOMMENDATIONS}.`);
    const bulleted = Array.from({ length: MAX_IMPORTED_RECOMMENDATIONS + 1 }, (_, i) => `• Forces should do thing ${i + 1}.`).join('\n');
    expect(texts(bulleted)).toHaveLength(MAX_IMPORTED_RECOMMENDATIONS);
  });

  it('keeps each recommendation\'s words exactly, collapsing only whitespace', () => {
    const pasted = '•  Chief constables should   ensure that\n   forces record “stalking” (not harassment) — always.\t\n•  Next.';
    expect(texts(pasted)).toEqual(['Chief constables should ensure that forces record “stalking” (not harassment) — always.', 'Next.']);
  });
});
