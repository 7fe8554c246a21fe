/**
 * office-addin-mock, loadable under jest: it needs only the OfficeApp names from
 * office-addin-manifest, whose dependency chain ends in an ES module that jest (CommonJS, Node 20)
 * cannot require. Import the mock from here, never directly.
 */
jest.mock('office-addin-manifest', () => ({
  OfficeApp: { Excel: 'excel', OneNote: 'onenote', Outlook: 'outlook', PowerPoint: 'powerpoint', Project: 'project', Word: 'word' },
}));

export { OfficeMockObject } from 'office-addin-mock';
