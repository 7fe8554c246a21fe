import fs from 'node:fs';
import { SpilledExplanations } from '../../src/cli/spill';
import { Explanations, type ExplanationRecord } from '../../src/xlsx/explanation-sheet';
import { StyleBook } from '../../src/xlsx/styles';

// Reasons as the engine writes them: Vietnamese, several lines, quotes and brackets; long enough
// that the file is read back in several pieces and some characters fall across a piece boundary.
function records(n: number): ExplanationRecord[] {
  const statuses: ExplanationRecord['status'][] = ['eligible', 'ineligible', 'incomplete', 'not-covered'];
  return Array.from({ length: n }, (_, i) => ({
    row: i + 7,
    status: statuses[i % statuses.length],
    text: `✓ Đối tượng: "Xã" — dòng ${i}\n✗ Đạt chuẩn nông thôn mới ${'ấ'.repeat(i % 97)}: không [mục V.1]\n– Ghi chú: <&> ${'😀'.repeat(i % 3)}`,
  }));
}

describe('the explanation sheet spilled to a temporary file', () => {
  test('gives back every reason, in order, exactly as written, once they went to the file', () => {
    const given = records(12_000);
    const spill = new SpilledExplanations(100_000);
    try {
      for (const r of given) spill.push(r);
      expect(spill.spilled).toBe(true);
      expect(fs.statSync(spill.file).size).toBeGreaterThan(1 << 20);
      expect([...spill.records()]).toEqual(given);
    } finally {
      spill.dispose();
    }
    expect(fs.existsSync(spill.file)).toBe(false);
  });

  test('writes the same sheet as the reasons held in memory', () => {
    const given = records(3_000);
    const st = new StyleBook(null);
    const spill = new SpilledExplanations(50_000);
    const inMemory = new Explanations('Giải thích', "DS 'A'");
    const spilled = new Explanations('Giải thích', "DS 'A'", spill);
    try {
      for (const r of given) expect(spilled.add(r.row, r.status, r.text)).toBe(inMemory.add(r.row, r.status, r.text));
      expect(spilled.size).toBe(3_000);
      expect(spill.spilled).toBe(true);
      const sheet = [...spilled.parts(st.fixed, st.fontSize)].join('');
      expect(sheet).toBe([...inMemory.parts(st.fixed, st.fontSize)].join(''));
      const last = sheet.slice(sheet.lastIndexOf('<hyperlink '), sheet.indexOf('</hyperlinks>'));
      expect(last).toBe('<hyperlink ref="A3001" location="&apos;DS &apos;&apos;A&apos;&apos;&apos;!A3006" display="3006"/>');
    } finally {
      spill.dispose();
    }
  });

  test('a few reasons stay in memory: no file', () => {
    const given = records(50);
    const spill = new SpilledExplanations();
    for (const r of given) spill.push(r);
    expect(spill.spilled).toBe(false);
    expect([...spill.records()]).toEqual(given);
    expect(fs.existsSync(spill.file)).toBe(false);
    spill.dispose();
  });

  test('with no reason at all, leaves no file and an empty list', () => {
    const spill = new SpilledExplanations();
    expect([...spill.records()]).toEqual([]);
    spill.dispose();
    expect(fs.existsSync(spill.file)).toBe(false);
  });
});
