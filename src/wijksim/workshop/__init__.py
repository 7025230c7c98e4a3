"""Workshop mode: one shared wijk, a facilitator, a projector and participants in roles.

The core (session, roles, record) has no web framework in it; the Solara pages live in
:mod:`wijksim.workshop.pages` and only read frames and call the session.
"""

# the session folder the workshop server resumes from, handed to it by ``wijksim workshop``
ENV_DIR = "WIJKSIM_WORKSHOP_DIR"
