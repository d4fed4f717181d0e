// Ambient types for Vite's client and the PWA plugin's `virtual:pwa-register` module.
/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/vanillajs" />
