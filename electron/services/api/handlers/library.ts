import { ApiFailure } from '../../../../shared/api/errors';
import type { libraryTasks } from '../../../../shared/api/tasks/library';
import type { HandlerContext, HandlersFor } from '../handlers';
import { currentUser, requireActor, setCurrentUser } from '../currentUser';
import { listAudit } from '../../storage/audit';
import { createUser, getUser, listUsers } from '../../storage/users';
import { createProject, deleteProject, listProjects, updateProject } from '../../storage/projects';
import { createSubject, deleteSubject, listSubjects, updateSubject } from '../../storage/subjects';
import { createVisit, deleteVisit, listVisits, updateVisit } from '../../storage/visits';

export function createLibraryHandlers({ store, version, mode }: HandlerContext): HandlersFor<keyof typeof libraryTasks> {
  const { db } = store;
  const actor = () => requireActor(db);
  return {
    getAppInfo: () => ({ version, dataDir: store.dataDir, mode, currentUser: currentUser(db) }),

    listUsers: () => listUsers(db),
    createUser: (fields) => {
      const user = createUser(db, fields);
      setCurrentUser(db, user.id);
      return user;
    },
    selectUser: ({ userId }) => {
      const user = getUser(db, userId);
      if (!user) throw new ApiFailure('not-found', 'That user profile no longer exists.');
      setCurrentUser(db, user.id);
      return user;
    },

    listProjects: () => listProjects(db),
    createProject: (fields) => createProject(db, actor(), fields),
    updateProject: ({ projectId, rev, ...fields }) => updateProject(db, actor(), projectId, rev, fields),
    deleteProject: ({ projectId, rev }) => {
      deleteProject(db, actor(), projectId, rev);
      return { deleted: true as const };
    },

    listSubjects: ({ projectId }) => listSubjects(db, projectId),
    createSubject: ({ projectId, ...fields }) => createSubject(db, actor(), projectId, fields),
    updateSubject: ({ subjectId, rev, ...fields }) => updateSubject(db, actor(), subjectId, rev, fields),
    deleteSubject: ({ subjectId, rev }) => {
      deleteSubject(db, actor(), subjectId, rev);
      return { deleted: true as const };
    },

    listVisits: ({ subjectId }) => listVisits(db, subjectId),
    createVisit: ({ subjectId, ...fields }) => createVisit(db, actor(), subjectId, fields),
    updateVisit: ({ visitId, rev, ...fields }) => updateVisit(db, actor(), visitId, rev, fields),
    deleteVisit: ({ visitId, rev }) => {
      deleteVisit(db, actor(), visitId, rev);
      return { deleted: true as const };
    },

    // Closed to a blinded reader by guardBlindedReader (BLINDED_READER_ACCESS): the trail names
    // subjects, visits, series links and who read which code (issue 5).
    listAudit: (filter) => listAudit(db, filter),
  };
}
