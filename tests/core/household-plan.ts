/**
 * A province's Giấy khen rule for households, as an office would encode it: annual only, more than
 * 20 triệu for the commune's Giấy khen and from 40 triệu for the district's, either as criteria
 * added per form or as the district form replacing the subject's threshold. Citations are the
 * decision's own articles ("Điều 27.3.a"). Fictional: written for the tests.
 */
export const MONEY = 'Giá trị đóng góp (đồng/năm)';
export const LAW = 'Chấp hành tốt chủ trương, chính sách, pháp luật';

/** A province's Giấy khen rule for households, as an office would encode it (annual only). */
export function householdPlanData(how: 'add' | 'replace'): Record<string, unknown> {
  const art = (ref: string, quote: string) => ({ ref, quote });
  const over20 = { id: 'hgd.dong-gop', label: 'Đóng góp cho xây dựng nông thôn mới', column: MONEY, test: { op: 'more', value: 20_000_000 }, cite: art('Điều 27.3.b', 'đóng góp trên 20 triệu đồng') };
  const from40 = { id: 'gk-huyen.dong-gop', label: 'Đóng góp cho xây dựng nông thôn mới', column: MONEY, test: { op: 'min', value: 40_000_000 }, cite: art('Điều 27.3.a', 'đóng góp từ 40 triệu đồng trở lên') };
  const law = { id: 'hgd.chap-hanh', label: 'Chấp hành tốt chủ trương, chính sách', column: LAW, test: { op: 'yes' }, cite: art('Điều 27.3', 'chấp hành tốt chủ trương, chính sách') };
  const data = {
    id: 'quy-dinh-ho-gia-dinh',
    title: 'Quy định khen thưởng hộ gia đình',
    issuer: 'UBND tỉnh X',
    document: 'Quyết định số 12/2026/QĐ-UBND',
    shortName: 'QĐ 12/2026/QĐ-UBND',
    source: { file: 'qd-12-2026.txt' },
    formsCite: art('Điều 27.3', 'Giấy khen của Chủ tịch UBND huyện … Giấy khen của Chủ tịch UBND xã'),
    subjectsCite: art('Điều 27.1', 'Đối tượng khen thưởng: hộ gia đình'),
    tiers: {
      'giay-khen-xa': {
        kind: 'evaluated',
        label: 'Giấy khen của Chủ tịch UBND xã',
        rounds: ['annual'],
        cite: art('Điều 27.3.b', 'Giấy khen của Chủ tịch UBND xã'),
        ...(how === 'add' ? { criteria: [{ subjects: ['ho-gia-dinh'], criteria: over20 }] } : {}),
      },
      'giay-khen': {
        kind: 'evaluated',
        label: 'Giấy khen của Chủ tịch UBND huyện',
        rounds: ['annual'],
        cite: art('Điều 27.3.a', 'Giấy khen của Chủ tịch UBND huyện'),
        criteria: [how === 'add' ? { criteria: from40 } : { replaces: 'hgd.dong-gop', criteria: from40 }],
      },
    },
    subjects: {
      'ho-gia-dinh': {
        letter: 'Điều 27.3',
        label: 'Hộ gia đình',
        cite: art('Điều 27.3', 'hộ gia đình'),
        criteria: how === 'add' ? law : { id: 'hgd', all: [law, over20] },
      },
    },
  };
  return data;
}

