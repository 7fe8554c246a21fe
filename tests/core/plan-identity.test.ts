import { canonicalJson, documentNumbers, identityLine, numberKey, planFingerprint, planIdentity } from '../../src/core/plan-identity';
import { loadPlan } from '../../src/core/compile';
import { PRODUCT_VERSION } from '../../src/core/version';
import { shippedPlan, shippedPlans } from '../../src/plans';
import quynhNhai from '../../src/plans/quynh-nhai-2022.json';

describe('plan identity', () => {
  it('names the document number, date, period, fingerprint and product version', () => {
    const i = planIdentity(shippedPlan('quynh-nhai-2022')!);
    expect(i).toMatchObject({ id: 'quynh-nhai-2022', shortName: 'KH 260/KH-UBND Quỳnh Nhai', number: '260/KH-UBND', date: '13/9/2022', productVersion: PRODUCT_VERSION });
    expect(i.period).toEqual({ from: quynhNhai.period.from, to: quynhNhai.period.to });
    expect(i.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    expect(identityLine(i)).toBe(`KH 260/KH-UBND Quỳnh Nhai — ngày 13/9/2022; giai đoạn ${i.period!.from}–${i.period!.to}; mã nội dung ${i.fingerprint}; ntm-awards ${PRODUCT_VERSION}`);
  });

  it('says the document number once: after a short name that carries it, the date only', () => {
    const base = planIdentity(shippedPlan('quynh-nhai-2022')!);
    // Đắk Nông's short name carries its number too.
    expect(identityLine(planIdentity(shippedPlan('dak-nong-2022')!))).toMatch(/^QĐ 137\/QĐ-UBND Đắk Nông — ngày 13\/7\/2022; giai đoạn /);
    // A short name that names the number however spelled.
    expect(identityLine({ ...base, shortName: 'QĐ 587/QD-TTG', number: '587/QĐ-TTg', date: '18/5/2022' })).toMatch(/^QĐ 587\/QD-TTG — ngày 18\/5\/2022; giai đoạn /);
    // Part of the number is not the number: "QĐ 3351 Hà Tĩnh" keeps "số 3351/QĐ-UBND".
    expect(identityLine({ ...base, shortName: 'QĐ 3351 Hà Tĩnh', number: '3351/QĐ-UBND', date: '24/11/2021' })).toMatch(/^QĐ 3351 Hà Tĩnh — số 3351\/QĐ-UBND ngày 24\/11\/2021; /);
    // No date: neither the number again nor the document that repeats it.
    const undated = identityLine({ ...base, shortName: 'QĐ 587/QĐ-TTg', document: 'Quyết định số 587/QĐ-TTg của Thủ tướng', number: '587/QĐ-TTg', date: null });
    expect(undated).toBe(`QĐ 587/QĐ-TTg — giai đoạn ${base.period!.from}–${base.period!.to}; mã nội dung ${base.fingerprint}; ntm-awards ${PRODUCT_VERSION}`);
    // Neither number nor date: the document's own words, as before.
    expect(identityLine(planIdentity(shippedPlan('thach-ha-2022')!))).toMatch(/^KH Thạch Hà 2022 — Kế hoạch tổ chức thực hiện Phong trào thi đua, dự thảo năm 2022; giai đoạn /);
  });

  it('gives each shipped plan its own fingerprint', () => {
    const prints = shippedPlans().map((p) => planIdentity(p).fingerprint);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('keeps the fingerprint when only the order of keys differs, and changes it with one word', () => {
    const reordered = Object.fromEntries(Object.entries(quynhNhai).reverse());
    const a = loadPlan(quynhNhai, 'a.json');
    const b = loadPlan(reordered, 'b.json');
    if (!a.ok || !b.ok) throw new Error('shipped plan invalid');
    expect(planIdentity(b.plan).fingerprint).toBe(planIdentity(a.plan).fingerprint);
    const edited = structuredClone(quynhNhai);
    edited.title = `${edited.title} (sửa)`;
    const c = loadPlan(edited, 'c.json');
    if (!c.ok) throw new Error('edited plan invalid');
    expect(planIdentity(c.plan).fingerprint).not.toBe(planIdentity(a.plan).fingerprint);
  });

  it('writes canonical JSON with sorted keys', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }], u: undefined })).toBe('{"a":[{"c":null,"d":"x"}],"b":1}');
    expect(planFingerprint({ a: 1, b: 2 })).toBe(planFingerprint({ b: 2, a: 1 }));
  });

  it('reads document numbers however they are spelled', () => {
    expect(documentNumbers('Quyết định số 3351/QĐ-UBND ngày 24/11/2021 và Quyết định số 38/2019/QĐ-UBND ngày 28/6/2019')).toEqual(['3351/QĐ-UBND', '38/2019/QĐ-UBND']);
    expect(documentNumbers('Kế hoạch (Số: /KH-UBND), tháng 7 năm 2022')).toEqual([]);
    expect(numberKey('587/QĐ-TTg')).toBe(numberKey('587/QD-TTG'));
    expect(numberKey('587/QĐ-TTg')).not.toBe(numberKey('587/QĐ-UBND'));
  });
});
