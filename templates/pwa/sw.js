{% load static %}/* DevHub CRM service worker: scope "/". */
importScripts("{% static 'js/sw-push.js' %}");
