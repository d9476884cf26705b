// Starlight needs its `docs` collection; every page of this site is generated from the model instead.
import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

// Starlight's `<StarlightPage>` builds this schema again for every page it renders (about 0.7 ms a page, a second over
// the real tree's thousand pages). The schema only depends on its context for `image()`, which matters for hero
// images of content pages; this site has neither, so the first schema built is kept and reused.
const starlightSchema = docsSchema();
let built: ReturnType<typeof starlightSchema> | null = null;
const schema = (context: Parameters<typeof starlightSchema>[0]) => (built ??= starlightSchema(context));

export const collections = { docs: defineCollection({ loader: docsLoader(), schema }) };
