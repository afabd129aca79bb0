/** Services: fixed clusterIP in 10.96.0.0/16, headless, allocation and conflicts. */
import { describe, it, expect } from 'vitest';
import { newModel } from '../helpers.ts';

const svc = (name: string, clusterIP?: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ...(clusterIP ? { clusterIP } : {}), selector: { app: name }, ports: [{ port: 80 }] } });

describe('Service', () => {
  it('keeps a fixed clusterIP inside the service CIDR', () => {
    const m = newModel();
    m.apply(svc('fixed', '10.96.100.100'));
    expect(m.get({ kind: 'Service', name: 'fixed' })!.spec).toMatchObject({ clusterIP: '10.96.100.100', clusterIPs: ['10.96.100.100'], type: 'ClusterIP' });
  });

  it('clusterIP None makes a headless Service (no ports needed)', () => {
    const m = newModel();
    m.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { clusterIP: 'None', selector: { app: 'web' } } });
    expect(m.get({ kind: 'Service', name: 'web' })!.spec.clusterIP).toBe('None');
  });

  it('allocates a free address in 10.96.0.0/16 when none is given', () => {
    const m = newModel();
    m.apply(svc('auto'));
    expect(m.get({ kind: 'Service', name: 'auto' })!.spec.clusterIP).toMatch(/^10\.96\.\d+\.\d+$/);
  });

  it('refuses an address outside the CIDR or already taken (10.96.0.1 is the kubernetes Service)', () => {
    const m = newModel();
    expect(() => m.apply(svc('out', '10.0.0.5'))).toThrow(/not in the valid range. The range of valid IPs is 10.96.0.0\/16/);
    expect(() => m.apply(svc('taken', '10.96.0.1'))).toThrow(/provided IP is already allocated/);
  });

  it('the clusterIP cannot change once set', () => {
    const m = newModel();
    m.apply(svc('s', '10.96.1.1'));
    expect(() => m.apply(svc('s', '10.96.1.2'))).toThrow(/may not change once set/);
  });

  it('ports are required unless headless', () => {
    expect(() => newModel().apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: {} })).toThrow(/spec.ports: Required value/);
  });
});
