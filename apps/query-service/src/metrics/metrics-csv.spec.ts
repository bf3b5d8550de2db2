import { flattenRows, metricAnswerCsv, toCsv } from './metrics-csv.js';

describe('metrics CSV', () => {
  it('flattens nested objects into dotted columns and lists of objects into rows', () => {
    expect(flattenRows({ a: 1, r: { value: 0.5, numerator: 1 }, items: [{ k: 'x' }, { k: 'y' }], tags: ['p', 'q'] })).toEqual([
      { a: 1, 'r.value': 0.5, 'r.numerator': 1, tags: 'p|q', 'items.k': 'x' },
      { a: 1, 'r.value': 0.5, 'r.numerator': 1, tags: 'p|q', 'items.k': 'y' },
    ]);
  });

  it('escapes separators and quotes, and defuses text a spreadsheet would run as a formula', () => {
    expect(toCsv([{ a: 'x,y', b: 'say "hi"', c: '=SUM(A1)', d: -3, e: null }])).toBe('a,b,c,d,e\r\n"x,y","say ""hi""",\'=SUM(A1),-3,\r\n');
  });

  it('puts the window first and each bucket after it', () => {
    const csv = metricAnswerCsv({
      metric: 'win-rate', computedUpTo: '1:5', from: 'f', to: 't', tz: 'UTC', groupBy: 'month', filters: {}, won: 2,
      series: [{ from: 'f', to: 'm', won: 1 }, { from: 'm', to: 't', won: 1 }],
    });
    expect(csv.trim().split('\r\n')).toEqual([
      'metric,computedUpTo,tz,groupBy,period,from,to,won',
      'win-rate,1:5,UTC,month,total,f,t,2',
      'win-rate,1:5,UTC,month,bucket,f,m,1',
      'win-rate,1:5,UTC,month,bucket,m,t,1',
    ]);
  });
});
