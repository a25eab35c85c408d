/*
 * The parts of botbuilder-dialogs this bot uses, imported from their own files: the package's index also loads
 * every prompt and, with them, the Recognizers-Text suites (thousands of regular expressions compiled at load),
 * about a quarter of the bot's startup time for classes it never uses.
 */
export { Dialog, DialogTurnStatus, type DialogTurnResult } from 'botbuilder-dialogs/lib/dialog.js';
export type { DialogContext, DialogState } from 'botbuilder-dialogs/lib/dialogContext.js';
export { DialogContextError } from 'botbuilder-dialogs/lib/dialogContextError.js';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
