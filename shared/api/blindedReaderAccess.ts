import type { TaskName } from './contract';

/**
 * What a reader may ask while blinded, that is while they read in a reading session that is still
 * open (issue 5). The UI then shows the session worklist only (renderer/App.tsx), and the api holds
 * the same line, so a page or a script talking to the HTTP bridge cannot ask around it.
 *
 * Every task of the contract is listed, so a new task is refused or allowed by a decision, not by
 * default. `allowed`: what choosing a profile, the session worklist and the session reading screen
 * call, and what ends the blinding (a coordinator who also reads may close a session). `refused`:
 * anything that names a subject, visit, date, arm, patient, folder or series key, or shows other
 * readers' scores or judgments.
 */
export type BlindedReaderAccess = 'allowed' | 'refused';

export const BLINDED_READER_ACCESS: Readonly<Record<TaskName, BlindedReaderAccess>> = {
  // Start-up, the profile gate (switching to another user must stay possible) and the project picker.
  getAppInfo: 'allowed',
  listUsers: 'allowed',
  createUser: 'allowed',
  selectUser: 'allowed',
  listProjects: 'allowed',
  createProject: 'refused',
  updateProject: 'refused',
  deleteProject: 'refused',
  // Subjects, visits and the trail name subject codes, arms, visit labels and dates.
  listSubjects: 'refused',
  createSubject: 'refused',
  updateSubject: 'refused',
  deleteSubject: 'refused',
  listVisits: 'refused',
  createVisit: 'refused',
  updateVisit: 'refused',
  deleteVisit: 'refused',
  listAudit: 'refused',

  // PFT sessions are dated and tied to subjects and visits.
  previewPftImport: 'refused',
  commitPftImport: 'refused',
  listPftSessions: 'refused',
  setPftSessionVisit: 'refused',
  deletePftSession: 'refused',
  setProjectReferenceSets: 'refused',
  getPftHl7Codes: 'refused',
  savePftHl7Codes: 'refused',

  // Folders and series keys carry paths, patient names and study dates; session images go by code.
  openImageFolder: 'refused',
  getSeriesGeometry: 'refused',
  getSessionSeriesGeometry: 'allowed',
  listSeriesLinks: 'refused',
  suggestVisitForSeries: 'refused',
  linkSeriesToVisit: 'refused',
  unlinkSeries: 'refused',

  // The score form of a session read (the reads handlers keep a blinded reader to their own session reads).
  openRead: 'refused',
  getRead: 'allowed',
  saveReadDraft: 'allowed',
  signRead: 'allowed',
  amendRead: 'allowed',
  listReadVersions: 'allowed',
  listScoringSystems: 'allowed',
  importScoringSystem: 'refused',
  // Session candidates list subjects and visits; agreement and adjudication show other readers' scores;
  // the key of a closed session names the subjects behind its codes.
  listSessionCandidates: 'refused',
  createReadingSession: 'refused',
  listReadingSessions: 'allowed',
  listMyReadingSessions: 'allowed',
  getReaderWorklist: 'allowed',
  openSessionRead: 'allowed',
  setPairJudgment: 'allowed',
  getSessionAgreement: 'refused',
  adjudicateSessionItem: 'refused',
  closeReadingSession: 'allowed',
  unblindReadingSession: 'refused',

  // Reports and densitometry compare visits of named subjects.
  getReportSettings: 'refused',
  saveReportSettings: 'refused',
  getSubjectReport: 'refused',
  getCohortReport: 'refused',
  exportSubjectReportPdf: 'refused',
  exportCohortReportPdf: 'refused',
  exportReportData: 'refused',
  computeDensitometry: 'refused',
  getDensitometry: 'refused',
};

/** The words a blinded reader sees when a task is refused: why, and when it opens again. */
export const BLINDED_READER_REFUSAL =
  'This is closed while you read in an open blinded session: it would show subjects, visits, dates, arms or other readers’ scores. It opens again when the coordinator closes the session.';
