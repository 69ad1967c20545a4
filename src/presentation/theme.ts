import { brandingSchema, type Branding } from '../report-engine/report-data';
import { defaultLogoDataUrl } from './assets';

/** Colours and logo of a report. Every colour is a validated hex value: it is written into CSS. */
export interface Theme {
  primary: string;
  accent: string;
  /** Series colours of charts, in order. */
  palette: string[];
  logoDataUrl: string;
  organisation?: string;
}

const basePalette = ['#1d3557', '#2a9d8f', '#e9c46a', '#f4a261', '#e76f51', '#457b9d', '#8ab17d', '#b5838d', '#6d597a', '#a8dadc'];
const hex = /^#[0-9a-fA-F]{6}$/;

/** The default theme, or the brand theme from configured branding (falling back to defaults). */
export function resolveTheme(name: 'default' | 'brand', branding: Branding | undefined): Theme {
  // Branding comes from stored configuration: anything that is not a valid hex colour or image data
  // URL falls back to the default rather than reaching the page's CSS or an attribute.
  const valid = branding ? brandingSchema.safeParse(branding) : undefined;
  if (name !== 'brand' || !branding || !valid?.success) {
    return { primary: basePalette[0], accent: basePalette[1], palette: basePalette, logoDataUrl: defaultLogoDataUrl() };
  }
  const primary = branding.primaryColor && hex.test(branding.primaryColor) ? branding.primaryColor : basePalette[0];
  const accent = branding.accentColor && hex.test(branding.accentColor) ? branding.accentColor : basePalette[1];
  return {
    primary,
    accent,
    palette: [primary, accent, ...basePalette.filter((c) => c !== primary && c !== accent).slice(2)],
    logoDataUrl: branding.logoDataUrl ?? defaultLogoDataUrl(),
    organisation: branding.name,
  };
}
