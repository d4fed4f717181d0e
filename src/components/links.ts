// Kept for older importers: the card screens' addresses now live with every other address in routes.ts.
export { BROWSE_HREF, cardHref, editHref, go, NEW_CARD_HREF } from './routes';
