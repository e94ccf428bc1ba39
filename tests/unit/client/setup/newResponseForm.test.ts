// The new-response form's checks, which mirror the server's (POST /api/responses), and the body it sends.
import { describe, expect, it } from 'vitest';
import {
  deadlineFor,
  emptyNewResponse,
  isWebAddress,
  newResponseRequest,
  validateNewResponse,
  type NewResponseDraft,
} from '../../../../client/setup/newResponseForm';

const TODAY = '2026-11-30';

function draft(overrides: Partial<NewResponseDraft> = {}): NewResponseDraft {
  return {
    ...emptyNewResponse(),
    title: 'Response of the PCC to the HMICFRS report',
    reportTitle: 'An inspection of the Regional Organised Crime Units',
    publishedOn: { day: '20', month: '11', year: '2026' },
    reportUrl: 'https://www.justiceinspectorates.gov.uk/hmicfrs/',
    ...overrides,
  };
}

describe('validateNewResponse', () => {
  it('accepts a complete form', () => {
    expect(validateNewResponse(draft(), TODAY)).toEqual({});
  });

  it('names every missing field at once', () => {
    expect(validateNewResponse(emptyNewResponse(), TODAY)).toEqual({
      title: 'Enter a title for the response',
      reportTitle: 'Enter the title of the report',
      publishedOn: 'Enter the date the report was published',
      reportUrl: "Enter the report's web address",
    });
  });

  it('treats titles of spaces as missing and refuses titles the server would', () => {
    expect(validateNewResponse(draft({ title: '   ', reportTitle: 'x'.repeat(301) }), TODAY)).toEqual({
      title: 'Enter a title for the response',
      reportTitle: 'The report title must be 300 characters or fewer',
    });
    expect(validateNewResponse(draft({ title: 'x'.repeat(300) }), TODAY)).toEqual({});
  });

  it.each([
    [['30', '2', '2026'], 'The date the report was published must be a real date'],
    [['30', '11', '26'], 'Year must include 4 numbers'],
    [['', '11', '2026'], 'The date the report was published must include a day'],
    [['1', '', ''], 'The date the report was published must include a month and year'],
    [['1', '12', '2026'], 'The date the report was published must be today or in the past'],
  ])('refuses the publication date %j', ([day, month, year], message) => {
    expect(validateNewResponse(draft({ publishedOn: { day: day!, month: month!, year: year! } }), TODAY)).toEqual({ publishedOn: message });
  });

  it('accepts a report published today, the month as a number or a name', () => {
    expect(validateNewResponse(draft({ publishedOn: { day: '30', month: '11', year: '2026' } }), TODAY)).toEqual({});
    expect(validateNewResponse(draft({ publishedOn: { day: ' 30 ', month: 'Nov', year: '2026' } }), TODAY)).toEqual({});
  });

  it.each(['www.justiceinspectorates.gov.uk', 'ftp://example.org/report.pdf', 'javascript:alert(1)', 'https://'])(
    'refuses the web address %s',
    (reportUrl) => {
      expect(validateNewResponse(draft({ reportUrl }), TODAY).reportUrl).toMatch(/^Enter a web address starting https:\/\//);
    },
  );
});

describe('isWebAddress', () => {
  it('accepts http and https addresses only', () => {
    expect(isWebAddress('https://www.justiceinspectorates.gov.uk/hmicfrs/publications/x/')).toBe(true);
    expect(isWebAddress('http://example.org')).toBe(true);
    expect(isWebAddress('mailto:pcc@example.org')).toBe(false);
    expect(isWebAddress('not a url')).toBe(false);
  });
});

describe('deadlineFor', () => {
  it('is the 56th day counting the publication day, across a year end', () => {
    expect(deadlineFor('2026-11-20', TODAY)).toBe('2027-01-14');
    expect(deadlineFor('2021-12-02', TODAY)).toBe('2022-01-26');
  });

  it('is null while the date is incomplete, not a date, or in the future', () => {
    expect(deadlineFor('', TODAY)).toBeNull();
    expect(deadlineFor('2026-02-30', TODAY)).toBeNull();
    expect(deadlineFor('2026-12-01', TODAY)).toBeNull();
  });
});

describe('newResponseRequest', () => {
  it('trims the text and lists the ticked optional sections in template order', () => {
    const body = newResponseRequest(
      draft({
        title: '  Response  ',
        reportUrl: ' https://example.org/report ',
        optionalSections: ['HMI comments', 'Areas for improvement'],
        role: 'portfolio_lead',
        capacity: 'drafter',
      }),
    );
    expect(body).toEqual({
      title: 'Response',
      report: { title: 'An inspection of the Regional Organised Crime Units', publishedOn: '2026-11-20', url: 'https://example.org/report' },
      optionalSections: ['Areas for improvement', 'HMI comments'],
      role: 'portfolio_lead',
      capacity: 'drafter',
    });
  });

  it('sends an empty list when every optional section is unticked (not "all", the server default)', () => {
    expect(newResponseRequest(draft({ optionalSections: [] })).optionalSections).toEqual([]);
  });
});
