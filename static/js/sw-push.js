/* Push reminders inside the service worker (imported by /sw.js). */
