// The pure live decisions, from tables: each row is the evidence of one window and the decision.
import { describe, expect, it } from 'vitest';
import { decideErrorRate, decideLatencyShift, decideP95Ratio, decideRestarts, type LiveLimits } from '../../../src/gate/live/decide.js';

const LIMITS: LiveLimits = {
  minRequests: 20,
  maxErrorRate: 0.01,
  maxErrorRateIncrease: 0.005,
  maxLatencyShiftMs: 50,
  maxP95Ratio: 1.5,
  alpha: 0.05,
  confidence: 0.95,
};

describe('decideErrorRate', () => {
  const rows: {
    name: string;
    blue: [number, number];
    green: [number, number];
    p: number | null;
    ci: [number, number] | null;
    status: string;
    breach: boolean;
    says: RegExp;
  }[] = [
    {
      name: 'too little green traffic',
      blue: [400, 0],
      green: [19, 5],
      p: 0.0001,
      ci: [0.1, 0.5],
      status: 'inconclusive',
      breach: false,
      says: /too little traffic: green 19, blue 400.*minRequests 20/,
    },
    {
      name: 'too little blue traffic',
      blue: [5, 0],
      green: [200, 0],
      p: 1,
      ci: null,
      status: 'inconclusive',
      breach: false,
      says: /too little traffic/,
    },
    {
      name: 'significant and above the limit: clear breach',
      blue: [400, 0],
      green: [100, 12],
      p: 1e-6,
      ci: [0.06, 0.2],
      status: 'fail',
      breach: true,
      says: /clear breach.*12\.0%.*above the 1\.0% limit/,
    },
    {
      name: 'significant increase beyond the margin, under the limit',
      blue: [100000, 10],
      green: [100000, 900],
      p: 1e-9,
      ci: [0.0075, 0.0095],
      status: 'fail',
      breach: false,
      says: /increase above the allowed \+0\.50%/,
    },
    {
      name: 'significant, estimate beyond the margin, interval not',
      blue: [10000, 0],
      green: [10000, 80],
      p: 1e-6,
      ci: [0.002, 0.012],
      status: 'inconclusive',
      breach: false,
      says: /may exceed/,
    },
    {
      name: 'above the limit but not significantly above blue',
      blue: [400, 10],
      green: [50, 2],
      p: 0.6,
      ci: [-0.03, 0.1],
      status: 'inconclusive',
      breach: false,
      says: /above the 1\.0% limit but not significantly above blue/,
    },
    {
      name: 'clean',
      blue: [400, 0],
      green: [50, 0],
      p: 1,
      ci: [-0.07, 0.01],
      status: 'pass',
      breach: false,
      says: /within 1\.0% and \+0\.50%/,
    },
    {
      name: 'green better than blue',
      blue: [400, 40],
      green: [400, 0],
      p: 1e-9,
      ci: [-0.13, -0.07],
      status: 'pass',
      breach: false,
      says: /green 0\.0% \(0\/400\) vs blue 10\.0%/,
    },
    {
      name: 'significant but tiny',
      blue: [100000, 0],
      green: [100000, 30],
      p: 1e-8,
      ci: [0.0002, 0.0004],
      status: 'pass',
      breach: false,
      says: /within/,
    },
  ];
  it.each(rows)('$name → $status', (r) => {
    const d = decideErrorRate(
      {
        blue: { requests: r.blue[0], errors: r.blue[1] },
        green: { requests: r.green[0], errors: r.green[1] },
        pValue: r.p,
        interval: r.ci,
      },
      LIMITS,
    );
    expect(d.status).toBe(r.status);
    expect(d.breach).toBe(r.breach);
    expect(d.reason).toMatch(r.says);
  });
});

describe('decideLatencyShift', () => {
  const rows = [
    { name: 'too few samples', nBlue: 100, nGreen: 10, p: 0.001, est: 80, status: 'inconclusive', says: /too little traffic/ },
    {
      name: 'significant and above the limit',
      nBlue: 100,
      nGreen: 100,
      p: 0.0001,
      est: 80,
      status: 'fail',
      says: /\+80 ms.*slower than the allowed \+50 ms/,
    },
    { name: 'significant but within the limit', nBlue: 100, nGreen: 100, p: 0.0001, est: 20, status: 'pass', says: /within \+50 ms/ },
    { name: 'large but not significant', nBlue: 30, nGreen: 30, p: 0.2, est: 80, status: 'pass', says: /within/ },
    { name: 'no estimate', nBlue: 30, nGreen: 30, p: null, est: null, status: 'inconclusive', says: /no shift estimate/ },
  ];
  it.each(rows)('$name → $status', (r) => {
    const d = decideLatencyShift(
      { nBlue: r.nBlue, nGreen: r.nGreen, pValue: r.p, estimate: r.est, interval: r.est === null ? null : [r.est - 10, r.est + 10] },
      LIMITS,
    );
    expect(d.status).toBe(r.status);
    expect(d.breach).toBe(false);
    expect(d.reason).toMatch(r.says);
  });
});

describe('decideP95Ratio (aggregates only)', () => {
  const rows = [
    { name: 'ratio above the limit', blue: 100, green: 180, n: 50, status: 'fail', says: /= 1\.80 > 1\.5/ },
    { name: 'ratio within', blue: 100, green: 120, n: 50, status: 'pass', says: /1\.20 ≤ 1\.5/ },
    { name: 'no quantiles', blue: null, green: 120, n: 50, status: 'inconclusive', says: /no quantiles/ },
    { name: 'too little traffic', blue: 100, green: 900, n: 3, status: 'inconclusive', says: /too little traffic/ },
  ];
  it.each(rows)('$name → $status', (r) => {
    const d = decideP95Ratio({ nBlue: r.n, nGreen: r.n, blue: r.blue, green: r.green }, LIMITS);
    expect(d.status).toBe(r.status);
    expect(d.reason).toMatch(r.says);
  });
});

describe('decideRestarts', () => {
  it.each([
    { green: 0, blue: 0, status: 'pass', breach: false },
    { green: 1, blue: 0, status: 'fail', breach: true },
    { green: 3, blue: null, status: 'fail', breach: true },
  ])('green $green restarts → $status', (r) => {
    const d = decideRestarts(r.green, r.blue);
    expect(d.status).toBe(r.status);
    expect(d.breach).toBe(r.breach);
  });
});
