import type { densitometryTasks } from '../../../../shared/api/tasks/densitometry';
import type { HandlersFor } from '../handlers';
import type { DensitometryService } from '../../analysis/densitometryService';

export function createDensitometryHandlers(service: DensitometryService): HandlersFor<keyof typeof densitometryTasks> {
  return {
    computeDensitometry: ({ seriesKey, recompute }) => service.compute(seriesKey, recompute),
    getDensitometry: ({ seriesKey }) => ({ summary: service.get(seriesKey) }),
  };
}
