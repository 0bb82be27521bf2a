import { pageLimitFields, reportsSection, type PageLimits, type ReportSettings } from '@herald/reddit/pages-settings';
import { z } from 'zod';

/** The seed's `timezone` and `report.*` defaults (UTC, top 5, …) when the app is given none: the settings' own defaults. */
export const DefaultReportSettings: ReportSettings = reportsSection.parse({});

/** The seed's `web.default_limit`/`web.max_limit` (100/1000) when the app is given none: the settings' own defaults. */
export const DefaultPageLimits: PageLimits = z.object(pageLimitFields).parse({});
