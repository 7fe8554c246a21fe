/** The pane's own deadline field: typed as a Vietnamese date (dd/mm/yyyy), read as an ISO date. */
import { isoDeadline } from '../../src/taskpane/ui';

test.each([
  ['15/11/2023', '2023-11-15'],
  ['5/1/2024', '2024-01-05'],
  [' 29/02/2024 ', '2024-02-29'],
  ['2023-11-15', '2023-11-15'],
  ['15.11.2023', '2023-11-15'],
])('"%s" is %s', (typed, iso) => expect(isoDeadline(typed)).toBe(iso));

test.each(['', '31/02/2023', '29/02/2023', '11/15/2023', '15/11/23', 'hôm nay'])('"%s" is no date', (typed) => expect(isoDeadline(typed)).toBeUndefined());
