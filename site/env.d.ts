// Astro's ambient module types (`astro:content`, `Astro.locals`) for the TypeScript check of site/.
/// <reference types="astro/client" />
