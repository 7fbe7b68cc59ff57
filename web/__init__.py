"""The mobile web pages: the heavy tasks of the year on one phone screen, opened from a chat
(a Telegram Mini App button, a personal link on Zalo and in the console). An adapter like the
chat handlers: parse, call one domain service through the unit of work, render a template."""
