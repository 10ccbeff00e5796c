"""Every form of DevHub CRM and the URL it is posted to, plus every other URL of the project with
what fuzzing it means. tests/fuzz/test_coverage.py fails when a URL or a form class has no entry
here, so a new form cannot ship unfuzzed.

A Target's `build(world, data)` constructs the form exactly as its view does (same kwargs,
prefix, instance): the bound copy is the oracle that says whether the view must accept the data,
and the unbound copy supplies the field names (`form.fields`, so fields added or removed in
`__init__` count) and the choices for plausible values."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib.auth.tokens import default_token_generator
from django.test import RequestFactory
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import strategies as st

from accounts import forms as accounts_forms
from accounts.models import Invite, User
from api import forms as api_forms
from api import services as api_services
from api.models import ApiToken
from collaborations import forms as collaborations_forms
from collaborations.models import Collaboration, Feedback, Idea, Person, PlannedSession, Session
from contacts import forms as contacts_forms
from contacts.models import Contact, Event
from contacts.status import local_today
from interactions import forms as interactions_forms
from interactions.models import Interaction, InteractionType
from network import forms as network_forms
from opportunities import forms as opportunities_forms
from opportunities.models import Compensation, Opportunity, Participant, RecruiterNotes
from projects import forms as projects_forms
from projects.models import FreelanceSettings, Member, Milestone, Payment, Project, TimeEntry
from push import forms as push_forms
from push import vapid
from push.models import PushSubscription
from quickconnect import forms as quickconnect_forms
from quickconnect.models import QuickConnectCode
from reminders import forms as reminders_forms
from reminders.models import Reminder
from resources import forms as resources_forms
from resources.models import SharedResource
from security import forms as security_forms
from suggestions.models import Suggestion
from tests.conftest import PASSWORD
from tests.fuzz.strategies import printable_text
from tests.fuzz.support import World
from twofactor.models import Passkey
from vip import forms as vip_forms
from vip import sections
from vip.models import ProjectCollaboration
from webhooks import forms as webhooks_forms
from webhooks.models import Hook

Urls = Callable[[World], list[str]]
NEW_PASSWORD = "a-much-longer-Passphrase-2026"


def _fresh(obj):
    """The object as stored: oracles must not share (and mutate) the world's instances."""
    return type(obj)._default_manager.get(pk=obj.pk)


@dataclass(frozen=True)
class Target:
    name: str
    form: type[forms.BaseForm]
    route: str  # the URL pattern, as the resolver spells it
    url: Callable[[World], str]
    build: Callable[[World, object], forms.BaseForm]
    # "page": a refused submission re-renders the form with its errors (200/400/422).
    # "redirect": the view always redirects back, with an error message when it refused.
    refused: str = "page"
    anonymous: bool = False
    creates: type | None = None  # a model that gains exactly one row on success
    shows: Urls = lambda w: []  # pages that display what was stored
    plausible: Callable[[World], dict] = lambda w: {}  # field -> strategy overriding the default
    prepare: Callable | None = None  # (client, world) -> None, before posting
    dropped: Callable[[dict], bool] = lambda data: False  # accepted silently, nothing stored


def _passkey(w: World) -> Passkey:
    """A passkey of alice's (made on first use: junk posted to its removal may delete it)."""
    passkey, _ = Passkey.objects.get_or_create(
        owner=w.alice, name="Laptop", defaults={"credential_id": b"fuzz", "public_key": b"key"}
    )
    return passkey


def _api_token(w: World) -> ApiToken:
    """A token of alice's (made on first use: junk posted to its revoke page may revoke it)."""
    token = ApiToken.objects.for_owner(w.alice).first()
    return token or api_services.create_token(w.alice, name="fuzz", scope="read")[0]


def _suggestion(w: World) -> Suggestion:
    """A suggestion of alice's (made on first use: junk posted to it may dismiss it)."""
    return Suggestion.objects.filter(owner=w.alice).first() or Suggestion.objects.create(
        owner=w.alice, contact=w.contact, kind="topic", interaction=w.interaction, quote="Hi"
    )


def _contact_pages(w: World) -> list[str]:
    return [
        f"/contacts/{w.contact.code}/",
        "/contacts/",
        "/contacts/?q=script",
        "/search/?q=script",
        "/",
        "/vip/",
    ]


def _timeline_pages(w: World) -> list[str]:
    return [f"/contacts/{w.contact.code}/", "/interactions/", "/", "/reminders/"]


def _opportunity_pages(w: World) -> list[str]:
    code = w.opportunity.code
    return [f"/opportunities/{code}/", "/opportunities/", "/opportunities/list/"]


def _project_pages(w: World) -> list[str]:
    return [f"/projects/{w.freelance.code}/", "/projects/", "/projects/list/"]


def _collaboration_pages(w: World) -> list[str]:
    code = w.collaboration.code
    return [f"/collaborations/{code}/", "/collaborations/", "/collaborations/list/"]


def _invoice_form(w: World, data) -> forms.BaseForm:
    return projects_forms.InvoiceForm(
        data,
        payment=_fresh(w.payment),
        settings=FreelanceSettings.of(w.alice),
        today=local_today(w.alice),
    )


def _login_oracle(w: World, data) -> forms.BaseForm:
    request = RequestFactory().post("/accounts/login/")
    return accounts_forms.LoginForm(request, data=data)


def _reset_link(client, w: World) -> None:
    """Open the e-mailed link, which stores the token in the session and redirects."""
    uid = urlsafe_base64_encode(force_bytes(w.alice.pk))
    token = default_token_generator.make_token(w.alice)
    response = client.get(f"/accounts/password/reset/{uid}/{token}/")
    assert response.status_code == 302, response.status_code


def _set_password_url(w: World) -> str:
    return (
        f"/accounts/password/reset/{urlsafe_base64_encode(force_bytes(w.alice.pk))}/set-password/"
    )


def _passwords(*names: str) -> Callable[[World], dict]:
    good = st.sampled_from([NEW_PASSWORD, "Zw0rdfish-🐟-Ünïcode"])
    return lambda w: dict.fromkeys(names, good)


TARGETS: list[Target] = [
    # --- accounts ---
    Target(
        "signup",
        accounts_forms.SignupForm,
        "accounts/signup/",
        lambda w: "/accounts/signup/",
        lambda w, d: accounts_forms.SignupForm(d),
        anonymous=True,
        creates=User,
        shows=lambda w: ["/"],
        plausible=lambda w: {
            "username": st.sampled_from(["new_user", "dev.ops+1", "Zoë", "<script>"]),
            "display_name": st.sampled_from(["Ada Lovelace", "Zoë 🚀", "<script>", ""]),
            "password1": st.just(NEW_PASSWORD),
            "password2": st.just(NEW_PASSWORD),
        },
    ),
    Target(
        "signup with an invitation",
        accounts_forms.SignupForm,
        "accounts/signup/<str:token>/",
        lambda w: f"/accounts/signup/{w.invite.token}/",
        lambda w, d: accounts_forms.SignupForm(d),
        anonymous=True,
        creates=User,
        shows=lambda w: ["/"],
        plausible=lambda w: {
            "username": st.sampled_from(["invited", "Zoë", "<script>", "alice"]),
            "display_name": st.sampled_from(["Ada Lovelace", "Zoë 🚀", "<script>", ""]),
            "password1": st.just(NEW_PASSWORD),
            "password2": st.just(NEW_PASSWORD),
        },
    ),
    Target(
        "invitation",
        accounts_forms.InviteForm,
        "accounts/invites/",
        lambda w: "/accounts/invites/",
        lambda w, d: accounts_forms.InviteForm(d),
        refused="redirect",
        creates=Invite,
        shows=lambda w: ["/reminders/settings/"],
    ),
    Target(
        "login",
        accounts_forms.LoginForm,
        "accounts/login/",
        lambda w: "/accounts/login/",
        _login_oracle,
        anonymous=True,
        plausible=lambda w: {
            "username": st.sampled_from(["alice", "ALICE", "nobody"]),
            "password": st.sampled_from([PASSWORD, "wrong"]),
        },
    ),
    Target(
        "password change",
        accounts_forms.StyledPasswordChangeForm,
        "accounts/password/",
        lambda w: "/accounts/password/",
        lambda w, d: accounts_forms.StyledPasswordChangeForm(_fresh(w.alice), d),
        plausible=lambda w: {
            "old_password": st.sampled_from([PASSWORD, "wrong"]),
            **_passwords("new_password1", "new_password2")(w),
        },
    ),
    Target(
        "password reset request",
        accounts_forms.StyledPasswordResetForm,
        "accounts/password/reset/",
        lambda w: "/accounts/password/reset/",
        lambda w, d: accounts_forms.StyledPasswordResetForm(d),
        anonymous=True,
        plausible=lambda w: {"email": st.sampled_from(["alice@example.com", "x@example.com"])},
    ),
    Target(
        "password reset confirm",
        accounts_forms.StyledSetPasswordForm,
        "accounts/password/reset/<uidb64>/<token>/",
        _set_password_url,
        lambda w, d: accounts_forms.StyledSetPasswordForm(_fresh(w.alice), d),
        anonymous=True,
        prepare=_reset_link,
        plausible=_passwords("new_password1", "new_password2"),
    ),
    Target(
        "delete account",
        accounts_forms.DeleteAccountForm,
        "accounts/delete/",
        lambda w: "/accounts/delete/",
        lambda w, d: accounts_forms.DeleteAccountForm(d, user=_fresh(w.alice)),
        plausible=lambda w: {"password": st.sampled_from([PASSWORD, "wrong", "<script>"])},
    ),
    # --- contacts ---
    Target(
        "contact create",
        contacts_forms.ContactForm,
        "contacts/new/",
        lambda w: "/contacts/new/",
        lambda w, d: contacts_forms.ContactForm(d, owner=w.alice),
        creates=Contact,
        shows=_contact_pages,
        plausible=lambda w: {
            "phone": st.sampled_from(["", "+49 30 1234567", "(555) 010-9999"]),
            "github_username": st.sampled_from(["", "octocat", "@ada-l", "github.com/x"]),
            "gitlab_username": st.sampled_from(["", "ada_l", "gitlab.com/group"]),
            "linkedin_url": st.sampled_from(["", "linkedin.com/in/ada", "https://x.com/"]),
            "birthday": st.sampled_from(["", "1815-12-10", "2000-02-29", "0001-01-01"]),
            "tag_names": printable_text(200),
        },
    ),
    Target(
        "contact edit",
        contacts_forms.ContactForm,
        "contacts/<uuid:code>/edit/",
        lambda w: f"/contacts/{w.contact.code}/edit/",
        lambda w, d: contacts_forms.ContactForm(d, instance=_fresh(w.contact), owner=w.alice),
        shows=_contact_pages,
        plausible=lambda w: {
            "phone": st.sampled_from(["", "+1 555 0100"]),
            "github_username": st.sampled_from(["", "octocat"]),
            "gitlab_username": st.just(""),
            "linkedin_url": st.just(""),
            "birthday": st.sampled_from(["", "1990-02-28", "0001-01-01", "1904-02-29"]),
            "tag_names": printable_text(200),
        },
    ),
    Target(
        "tag merge",
        contacts_forms.TagMergeForm,
        "contacts/tags/",
        lambda w: "/contacts/tags/",
        lambda w, d: contacts_forms.TagMergeForm(d, owner=w.alice),
        shows=lambda w: ["/contacts/tags/"],
    ),
    Target(
        "tag edit",
        contacts_forms.TagForm,
        "contacts/tags/<uuid:code>/",
        lambda w: f"/contacts/tags/{w.tag.code}/",
        lambda w, d: contacts_forms.TagForm(
            d, instance=_fresh(w.tag), owner=w.alice, prefix=str(w.tag.code)
        ),
        shows=lambda w: ["/contacts/tags/", "/contacts/", f"/contacts/{w.contact.code}/", "/"],
    ),
    # --- interactions ---
    Target(
        "quick log",
        interactions_forms.QuickLogForm,
        "interactions/contact/<uuid:code>/quick/",
        lambda w: f"/interactions/contact/{w.contact.code}/quick/",
        lambda w, d: interactions_forms.QuickLogForm(d, owner=w.alice, prefix="quick"),
        creates=Interaction,
        shows=_timeline_pages,
    ),
    Target(
        "interaction create",
        interactions_forms.InteractionForm,
        "interactions/contact/<uuid:code>/new/",
        lambda w: f"/interactions/contact/{w.contact.code}/new/",
        lambda w, d: interactions_forms.InteractionForm(d, owner=w.alice),
        creates=Interaction,
        shows=_timeline_pages,
        plausible=lambda w: {"topic_names": printable_text(200)},
    ),
    Target(
        "interaction edit",
        interactions_forms.InteractionForm,
        "interactions/<uuid:code>/edit/",
        lambda w: f"/interactions/{w.interaction.code}/edit/",
        lambda w, d: interactions_forms.InteractionForm(
            d,
            instance=_fresh(w.interaction),
            owner=w.alice,
            auto_id=f"id_%s_{w.interaction.code.hex[:8]}",
        ),
        shows=lambda w: [*_timeline_pages(w), f"/interactions/{w.interaction.code}/"],
    ),
    Target(
        "interaction type create",
        interactions_forms.InteractionTypeForm,
        "interactions/types/",
        lambda w: "/interactions/types/",
        lambda w, d: interactions_forms.InteractionTypeForm(d, owner=w.alice),
        creates=InteractionType,
        shows=lambda w: ["/interactions/types/", f"/contacts/{w.contact.code}/"],
    ),
    Target(
        "interaction type edit",
        interactions_forms.InteractionTypeForm,
        "interactions/types/<uuid:code>/",
        lambda w: f"/interactions/types/{w.type.code}/",
        lambda w, d: interactions_forms.InteractionTypeForm(
            d, instance=_fresh(w.type), owner=w.alice, prefix=str(w.type.code)
        ),
        shows=lambda w: ["/interactions/types/", "/interactions/", "/reminders/"],
    ),
    # --- resources ---
    Target(
        "resource create",
        resources_forms.SharedResourceForm,
        "resources/contact/<uuid:code>/new/",
        lambda w: f"/resources/contact/{w.contact.code}/new/",
        lambda w, d: resources_forms.SharedResourceForm(d, contact=_fresh(w.contact)),
        creates=SharedResource,
        shows=lambda w: ["/resources/", f"/contacts/{w.contact.code}/"],
        plausible=lambda w: {"tag_names": printable_text(200)},
    ),
    Target(
        "resource edit",
        resources_forms.SharedResourceForm,
        "resources/<uuid:code>/edit/",
        lambda w: f"/resources/{w.resource.code}/edit/",
        lambda w, d: resources_forms.SharedResourceForm(
            d, instance=_fresh(w.resource), contact=_fresh(w.contact)
        ),
        shows=lambda w: ["/resources/", f"/contacts/{w.contact.code}/"],
    ),
    # --- reminders ---
    Target(
        "reminder create",
        reminders_forms.ReminderForm,
        "reminders/new/",
        lambda w: "/reminders/new/",
        lambda w, d: reminders_forms.ReminderForm(d, owner=w.alice),
        creates=Reminder,
        shows=lambda w: [
            "/reminders/",
            "/",
            "/dashboard/due-today.json",
            f"/reminders/calendar/{w.alice.calendar_token}.ics",
            f"/contacts/{w.contact.code}/",
        ],
    ),
    Target(
        "reminder snooze",
        reminders_forms.SnoozeForm,
        "reminders/<uuid:code>/snooze/",
        lambda w: f"/reminders/{w.reminder.code}/snooze/",
        lambda w, d: reminders_forms.SnoozeForm(d),
        refused="redirect",
        shows=lambda w: ["/reminders/"],
    ),
    Target(
        "reminder log",
        interactions_forms.QuickLogForm,
        "reminders/<uuid:code>/log/",
        lambda w: f"/reminders/{w.reminder.code}/log/",
        lambda w, d: interactions_forms.QuickLogForm(d, owner=w.alice, prefix="log"),
        refused="redirect",
        creates=Interaction,
        shows=_timeline_pages,
    ),
    Target(
        "contact rhythm",
        reminders_forms.FollowUpRhythmForm,
        "reminders/contact/<uuid:code>/rhythm/",
        lambda w: f"/reminders/contact/{w.contact.code}/rhythm/",
        lambda w, d: reminders_forms.FollowUpRhythmForm(d, instance=_fresh(w.contact)),
        refused="redirect",
        shows=lambda w: [f"/contacts/{w.contact.code}/", "/"],
    ),
    Target(
        "contact snooze",
        reminders_forms.SnoozeForm,
        "reminders/contact/<uuid:code>/snooze/",
        lambda w: f"/reminders/contact/{w.contact.code}/snooze/",
        lambda w, d: reminders_forms.SnoozeForm(d),
        refused="redirect",
        shows=lambda w: [f"/contacts/{w.contact.code}/", "/"],
    ),
    Target(
        "preferences",
        reminders_forms.PreferencesForm,
        "reminders/settings/",
        lambda w: "/reminders/settings/",
        lambda w, d: reminders_forms.PreferencesForm(d, instance=_fresh(w.alice)),
        shows=lambda w: ["/reminders/settings/", "/", "/reminders/"],
        plausible=lambda w: {
            "time_zone": st.sampled_from(
                ["UTC", "Pacific/Kiritimati", "Etc/GMT+12", "Asia/Kolkata"]
            ),
            "display_name": st.sampled_from(["Ada Lovelace", "Zoë 🚀", "<script>", ""]),
        },
    ),
    # --- vip ---
    *[
        Target(
            f"vip section {key}",
            form_class,
            "vip/contact/<uuid:code>/<slug:key>/edit/",
            lambda w, key=key: f"/vip/contact/{w.contact.code}/{key}/edit/",
            lambda w, d, key=key, form_class=form_class: form_class(
                d, instance=sections.instance(_fresh(w.contact), key)
            ),
            shows=lambda w: [f"/contacts/{w.contact.code}/", "/vip/"],
            plausible=lambda w: {
                "phone": st.sampled_from(["", "+44 20 7946 0000"]),
                "links_text": st.sampled_from(
                    ["", "Mastodon | https://example.social/@ada", "<b>x</b> | https://e.com/"]
                ),
                "stack_names": printable_text(200),
            },
        )
        for key, (_, form_class, _) in vip_forms.SECTIONS.items()
    ],
    Target(
        "vip project create",
        vip_forms.ProjectForm,
        "vip/contact/<uuid:code>/projects/new/",
        lambda w: f"/vip/contact/{w.contact.code}/projects/new/",
        lambda w, d: vip_forms.ProjectForm(d),
        creates=ProjectCollaboration,
        shows=lambda w: [f"/contacts/{w.contact.code}/", "/vip/"],
    ),
    Target(
        "vip project edit",
        vip_forms.ProjectForm,
        "vip/projects/<uuid:code>/edit/",
        lambda w: f"/vip/projects/{w.project.code}/edit/",
        lambda w, d: vip_forms.ProjectForm(d, instance=_fresh(w.project)),
        shows=lambda w: [f"/contacts/{w.contact.code}/"],
    ),
    # --- opportunities ---
    Target(
        "opportunity create",
        opportunities_forms.OpportunityForm,
        "opportunities/new/",
        lambda w: "/opportunities/new/",
        lambda w, d: opportunities_forms.OpportunityForm(d),
        creates=Opportunity,
        shows=lambda w: ["/opportunities/", "/opportunities/list/", "/opportunities/analytics/"],
        plausible=lambda w: {"currency": st.sampled_from(["", "EUR", "usd", "€€€"])},
    ),
    Target(
        "opportunity edit",
        opportunities_forms.OpportunityForm,
        "opportunities/<uuid:code>/edit/",
        lambda w: f"/opportunities/{w.opportunity.code}/edit/",
        lambda w, d: opportunities_forms.OpportunityForm(d, instance=_fresh(w.opportunity)),
        shows=lambda w: [*_opportunity_pages(w), "/reminders/", "/"],
        plausible=lambda w: {"currency": st.sampled_from(["", "GBP"])},
    ),
    Target(
        "opportunity move",
        opportunities_forms.MoveForm,
        "opportunities/<uuid:code>/move/",
        lambda w: f"/opportunities/{w.opportunity.code}/move/",
        lambda w, d: opportunities_forms.MoveForm(d),
        refused="redirect",
        shows=_opportunity_pages,
    ),
    Target(
        "opportunity participant",
        opportunities_forms.ParticipantForm,
        "opportunities/<uuid:code>/people/",
        lambda w: f"/opportunities/{w.opportunity.code}/people/",
        lambda w, d: opportunities_forms.ParticipantForm(
            d, owner=w.alice, opportunity=_fresh(w.opportunity)
        ),
        refused="redirect",
        creates=Participant,
        shows=lambda w: [*_opportunity_pages(w), f"/contacts/{w.other.code}/"],
    ),
    Target(
        "opportunity compensation",
        opportunities_forms.CompensationForm,
        "opportunities/<uuid:code>/compensation/",
        lambda w: f"/opportunities/{w.opportunity.code}/compensation/",
        lambda w, d: opportunities_forms.CompensationForm(d),
        refused="redirect",
        creates=Compensation,
        shows=_opportunity_pages,
    ),
    Target(
        "opportunity discussion",
        opportunities_forms.DiscussionForm,
        "opportunities/<uuid:code>/discussion/",
        lambda w: f"/opportunities/{w.opportunity.code}/discussion/",
        lambda w, d: opportunities_forms.DiscussionForm(
            d, owner=w.alice, opportunity=_fresh(w.opportunity), prefix="talk"
        ),
        refused="redirect",
        creates=Interaction,
        shows=lambda w: [*_opportunity_pages(w), f"/contacts/{w.contact.code}/"],
    ),
    Target(
        "opportunity cv",
        opportunities_forms.CvShareForm,
        "opportunities/<uuid:code>/cv/",
        lambda w: f"/opportunities/{w.opportunity.code}/cv/",
        lambda w, d: opportunities_forms.CvShareForm(
            d, owner=w.alice, opportunity=_fresh(w.opportunity)
        ),
        refused="redirect",
        creates=SharedResource,
        shows=lambda w: [*_opportunity_pages(w), "/resources/"],
    ),
    Target(
        "recruiter notes",
        opportunities_forms.RecruiterNotesForm,
        "opportunities/recruiter/<uuid:code>/",
        lambda w: f"/opportunities/recruiter/{w.contact.code}/",
        lambda w, d: opportunities_forms.RecruiterNotesForm(
            d,
            instance=RecruiterNotes.objects.filter(contact=w.contact).first()
            or RecruiterNotes(contact=_fresh(w.contact)),
        ),
        shows=lambda w: [f"/contacts/{w.contact.code}/"],
    ),
    # --- collaborations ---
    Target(
        "collaboration create",
        collaborations_forms.CollaborationForm,
        "collaborations/new/",
        lambda w: "/collaborations/new/",
        lambda w, d: collaborations_forms.CollaborationForm(d, owner=w.alice),
        creates=Collaboration,
        shows=lambda w: ["/collaborations/", "/collaborations/list/"],
    ),
    Target(
        "collaboration edit",
        collaborations_forms.CollaborationForm,
        "collaborations/<uuid:code>/edit/",
        lambda w: f"/collaborations/{w.collaboration.code}/edit/",
        lambda w, d: collaborations_forms.CollaborationForm(
            d, owner=w.alice, instance=_fresh(w.collaboration)
        ),
        shows=lambda w: [*_collaboration_pages(w), f"/contacts/{w.contact.code}/"],
    ),
    Target(
        "collaboration move",
        collaborations_forms.MoveForm,
        "collaborations/<uuid:code>/move/",
        lambda w: f"/collaborations/{w.collaboration.code}/move/",
        lambda w, d: collaborations_forms.MoveForm(d),
        refused="redirect",
        shows=_collaboration_pages,
    ),
    Target(
        "collaboration person",
        collaborations_forms.PersonForm,
        "collaborations/<uuid:code>/people/",
        lambda w: f"/collaborations/{w.collaboration.code}/people/",
        lambda w, d: collaborations_forms.PersonForm(
            d, owner=w.alice, collaboration=_fresh(w.collaboration)
        ),
        refused="redirect",
        creates=Person,
        shows=lambda w: [*_collaboration_pages(w), f"/contacts/{w.contact.code}/"],
    ),
    Target(
        "collaboration feedback",
        collaborations_forms.FeedbackForm,
        "collaborations/<uuid:code>/feedback/",
        lambda w: f"/collaborations/{w.collaboration.code}/feedback/",
        lambda w, d: collaborations_forms.FeedbackForm(
            d, owner=w.alice, instance=Feedback(collaboration=w.collaboration)
        ),
        creates=Feedback,
        shows=lambda w: [*_collaboration_pages(w), "/collaborations/feedback/?kind=praise"],
    ),
    Target(
        "idea create",
        collaborations_forms.IdeaForm,
        "collaborations/ideas/new/",
        lambda w: "/collaborations/ideas/new/",
        lambda w, d: collaborations_forms.IdeaForm(d, owner=w.alice, instance=Idea(owner=w.alice)),
        creates=Idea,
        shows=lambda w: ["/collaborations/ideas/"],
    ),
    Target(
        "idea edit",
        collaborations_forms.IdeaForm,
        "collaborations/ideas/<uuid:code>/edit/",
        lambda w: f"/collaborations/ideas/{w.idea.code}/edit/",
        lambda w, d: collaborations_forms.IdeaForm(d, owner=w.alice, instance=_fresh(w.idea)),
        shows=lambda w: ["/collaborations/ideas/"],
    ),
    Target(
        "idea start",
        collaborations_forms.StartForm,
        "collaborations/ideas/<uuid:code>/start/",
        lambda w: f"/collaborations/ideas/{w.idea.code}/start/",
        lambda w, d: collaborations_forms.StartForm(d),
        refused="redirect",
        shows=lambda w: ["/collaborations/ideas/", "/collaborations/"],
    ),
    Target(
        "study session create",
        collaborations_forms.SessionForm,
        "collaborations/<uuid:code>/sessions/new/",
        lambda w: f"/collaborations/{w.session.collaboration.code}/sessions/new/",
        lambda w, d: collaborations_forms.SessionForm(
            d, instance=Session(collaboration=w.session.collaboration)
        ),
        creates=Session,
        shows=lambda w: [f"/collaborations/{w.session.collaboration.code}/"],
    ),
    Target(
        "study session edit",
        collaborations_forms.SessionForm,
        "collaborations/sessions/<uuid:code>/edit/",
        lambda w: f"/collaborations/sessions/{w.session.code}/edit/",
        lambda w, d: collaborations_forms.SessionForm(d, instance=_fresh(w.session)),
        shows=lambda w: [f"/collaborations/{w.session.collaboration.code}/"],
    ),
    Target(
        "study session plan",
        collaborations_forms.PlannedSessionForm,
        "collaborations/<uuid:code>/planned/",
        lambda w: f"/collaborations/{w.planned.collaboration.code}/planned/",
        lambda w, d: collaborations_forms.PlannedSessionForm(
            d, instance=PlannedSession(collaboration=_fresh(w.planned.collaboration))
        ),
        refused="redirect",
        creates=PlannedSession,
        shows=lambda w: [f"/collaborations/{w.planned.collaboration.code}/", "/"],
    ),
    # --- freelance projects ---
    Target(
        "project create",
        projects_forms.ProjectForm,
        "projects/new/",
        lambda w: "/projects/new/",
        lambda w, d: projects_forms.ProjectForm(d, owner=w.alice),
        creates=Project,
        shows=lambda w: ["/projects/", "/projects/list/", "/projects/analytics/"],
        plausible=lambda w: {"currency": st.sampled_from(["EUR", "usd", "€€€", ""])},
    ),
    Target(
        "project edit",
        projects_forms.ProjectForm,
        "projects/<uuid:code>/edit/",
        lambda w: f"/projects/{w.freelance.code}/edit/",
        lambda w, d: projects_forms.ProjectForm(d, owner=w.alice, instance=_fresh(w.freelance)),
        shows=lambda w: [*_project_pages(w), f"/projects/payments/{w.payment.code}/invoice/"],
        plausible=lambda w: {"currency": st.sampled_from(["GBP", "chf"])},
    ),
    Target(
        "project move",
        projects_forms.MoveForm,
        "projects/<uuid:code>/move/",
        lambda w: f"/projects/{w.freelance.code}/move/",
        lambda w, d: projects_forms.MoveForm(d),
        refused="redirect",
        shows=_project_pages,
    ),
    Target(
        "project member",
        projects_forms.MemberForm,
        "projects/<uuid:code>/people/",
        lambda w: f"/projects/{w.freelance.code}/people/",
        lambda w, d: projects_forms.MemberForm(d, owner=w.alice, project=_fresh(w.freelance)),
        refused="redirect",
        creates=Member,
        shows=_project_pages,
    ),
    Target(
        "project member from a contact",
        projects_forms.MemberForm,
        "projects/people/add/<uuid:code>/",
        lambda w: f"/projects/people/add/{w.contact.code}/",
        lambda w, d: projects_forms.MemberForm(d, owner=w.alice, contact=_fresh(w.contact)),
        refused="redirect",
        creates=Member,
        shows=lambda w: [f"/contacts/{w.contact.code}/", *_project_pages(w)],
    ),
    Target(
        "project interaction link",
        projects_forms.InteractionLinkForm,
        "projects/<uuid:code>/interactions/",
        lambda w: f"/projects/{w.freelance.code}/interactions/",
        lambda w, d: projects_forms.InteractionLinkForm(d, project=_fresh(w.freelance)),
        refused="redirect",
        shows=_project_pages,
    ),
    Target(
        "project interaction unlink",
        projects_forms.InteractionLinkForm,
        "projects/<uuid:code>/interactions/unlink/",
        lambda w: f"/projects/{w.freelance.code}/interactions/unlink/",
        lambda w, d: projects_forms.InteractionLinkForm(
            d, project=_fresh(w.freelance), linked=True
        ),
        refused="redirect",
        shows=_project_pages,
    ),
    Target(
        "milestone create",
        projects_forms.MilestoneForm,
        "projects/<uuid:code>/milestones/new/",
        lambda w: f"/projects/{w.freelance.code}/milestones/new/",
        lambda w, d: projects_forms.MilestoneForm(d, instance=Milestone(project=w.freelance)),
        creates=Milestone,
        shows=lambda w: [*_project_pages(w), "/reminders/"],
    ),
    Target(
        "milestone edit",
        projects_forms.MilestoneForm,
        "projects/milestones/<uuid:code>/edit/",
        lambda w: f"/projects/milestones/{w.milestone.code}/edit/",
        lambda w, d: projects_forms.MilestoneForm(d, instance=_fresh(w.milestone)),
        shows=lambda w: [*_project_pages(w), "/reminders/"],
    ),
    Target(
        "milestone status",
        projects_forms.MilestoneStatusForm,
        "projects/milestones/<uuid:code>/status/",
        lambda w: f"/projects/milestones/{w.milestone.code}/status/",
        lambda w, d: projects_forms.MilestoneStatusForm(d),
        refused="redirect",
        shows=_project_pages,
    ),
    Target(
        "payment create",
        projects_forms.PaymentForm,
        "projects/<uuid:code>/payments/new/",
        lambda w: f"/projects/{w.freelance.code}/payments/new/",
        lambda w, d: projects_forms.PaymentForm(
            d, instance=Payment(project=w.freelance), project=_fresh(w.freelance)
        ),
        creates=Payment,
        shows=_project_pages,
        plausible=lambda w: {"currency": st.sampled_from(["EUR", "usd", "€€€"])},
    ),
    Target(
        "payment edit",
        projects_forms.PaymentForm,
        "projects/payments/<uuid:code>/edit/",
        lambda w: f"/projects/payments/{w.payment.code}/edit/",
        lambda w, d: projects_forms.PaymentForm(
            d, instance=_fresh(w.payment), project=_fresh(w.freelance)
        ),
        shows=lambda w: [*_project_pages(w), f"/projects/payments/{w.payment.code}/invoice/"],
    ),
    Target(
        "payment invoiced",
        projects_forms.InvoiceForm,
        "projects/payments/<uuid:code>/invoiced/",
        lambda w: f"/projects/payments/{w.payment.code}/invoiced/",
        _invoice_form,
        shows=lambda w: [*_project_pages(w), f"/projects/payments/{w.payment.code}/invoice/"],
    ),
    Target(
        "payment paid",
        projects_forms.PaidForm,
        "projects/payments/<uuid:code>/paid/",
        lambda w: f"/projects/payments/{w.payment.code}/paid/",
        lambda w, d: projects_forms.PaidForm(d),
        refused="redirect",
        shows=_project_pages,
    ),
    Target(
        "time entry",
        projects_forms.TimeEntryForm,
        "projects/<uuid:code>/time/",
        lambda w: f"/projects/{w.freelance.code}/time/",
        lambda w, d: projects_forms.TimeEntryForm(
            d, instance=TimeEntry(project=w.freelance), project=_fresh(w.freelance)
        ),
        refused="redirect",
        creates=TimeEntry,
        shows=_project_pages,
    ),
    Target(
        "bill time",
        projects_forms.BillTimeForm,
        "projects/<uuid:code>/time/bill/",
        lambda w: f"/projects/{w.freelance.code}/time/bill/",
        lambda w, d: projects_forms.BillTimeForm(d, project=_fresh(w.freelance)),
        refused="redirect",
        creates=Payment,
        shows=_project_pages,
    ),
    Target(
        "freelance settings",
        projects_forms.FreelanceSettingsForm,
        "projects/settings/",
        lambda w: "/projects/settings/",
        lambda w, d: projects_forms.FreelanceSettingsForm(
            d, instance=FreelanceSettings.of(w.alice)
        ),
        shows=lambda w: [f"/projects/payments/{w.payment.code}/invoice/"],
    ),
    # --- quick connect ---
    Target(
        "quick connect code",
        quickconnect_forms.QuickConnectCodeForm,
        "connect/new/",
        lambda w: "/connect/new/",
        lambda w, d: quickconnect_forms.QuickConnectCodeForm(d, owner=w.alice),
        creates=QuickConnectCode,
        shows=lambda w: ["/connect/", f"/connect/events/{w.event.code}/"],
        plausible=lambda w: {
            "tag_names": printable_text(200),
            "hours": st.integers(1, 720).map(str),
            "max_uses": st.sampled_from(["", "1", "10000"]),
        },
    ),
    Target(
        "event create",
        quickconnect_forms.EventForm,
        "connect/events/",
        lambda w: "/connect/events/",
        lambda w, d: quickconnect_forms.EventForm(d),
        creates=Event,
        shows=lambda w: ["/connect/events/", "/connect/new/"],
    ),
    Target(
        "conference add",
        quickconnect_forms.ConferenceAddForm,
        "connect/events/<uuid:code>/add/",
        lambda w: f"/connect/events/{w.event.code}/add/",
        lambda w, d: quickconnect_forms.ConferenceAddForm(d),
        creates=Contact,
        shows=lambda w: [f"/connect/events/{w.event.code}/", "/contacts/", "/"],
        plausible=lambda w: {"tag_names": printable_text(200)},
    ),
    Target(
        "public quick connect",
        quickconnect_forms.PublicContactForm,
        "q/<str:token>/",
        lambda w: f"/q/{w.quick_code.token}/",
        lambda w, d: quickconnect_forms.PublicContactForm(d),
        anonymous=True,
        creates=Contact,
        shows=lambda w: ["/", "/contacts/", "/notifications/", "/connect/", "/interactions/"],
        plausible=lambda w: {
            "github_username": st.sampled_from(["", "octocat", "https://github.com/ada"]),
            "linkedin_url": st.sampled_from(["", "linkedin.com/in/grace", "www.linkedin.com/in/x"]),
            "phone": st.sampled_from(["", "+49 (0)30 123-4567", "0170 1234567", "call me"]),
            "website_url": st.sampled_from(["", "example.com", "javascript:alert(1)"]),
            "consent": st.sampled_from(["on", "on", ""]),
            "website": st.sampled_from(["", "", "", "http://spam.example"]),
        },
        dropped=lambda data: bool(_last(data.get("website"))),
    ),
    # --- dashboard ---
    Target(
        "dashboard quick log",
        interactions_forms.QuickLogForm,
        "dashboard/contact/<uuid:code>/log/",
        lambda w: f"/dashboard/contact/{w.contact.code}/log/",
        lambda w, d: interactions_forms.QuickLogForm(d, owner=w.alice, prefix="dash"),
        refused="redirect",
        creates=Interaction,
        shows=lambda w: ["/", f"/contacts/{w.contact.code}/"],
    ),
    Target(
        "dashboard snooze",
        reminders_forms.SnoozeForm,
        "dashboard/contact/<uuid:code>/snooze/",
        lambda w: f"/dashboard/contact/{w.contact.code}/snooze/",
        lambda w, d: reminders_forms.SnoozeForm(d),
        refused="redirect",
        shows=lambda w: ["/"],
    ),
    # --- security ---
    Target(
        "new-device e-mail setting",
        security_forms.NotifyForm,
        "accounts/security/notify/",
        lambda w: "/accounts/security/notify/",
        lambda w, d: security_forms.NotifyForm(d),
        refused="redirect",
        shows=lambda w: ["/accounts/security/"],
    ),
    # --- API tokens ---
    Target(
        "API token",
        api_forms.TokenForm,
        "accounts/tokens/",
        lambda w: "/accounts/tokens/",
        lambda w, d: api_forms.TokenForm(d),
        creates=ApiToken,
        shows=lambda w: ["/accounts/tokens/"],
    ),
    # --- push ---
    Target(
        "push subscription",
        push_forms.SubscriptionForm,
        "push/subscribe/",
        lambda w: "/push/subscribe/",
        lambda w, d: push_forms.SubscriptionForm(d),
        creates=PushSubscription,
        shows=lambda w: ["/reminders/settings/"],
        plausible=lambda w: {
            "endpoint": st.sampled_from(
                [
                    "https://fcm.googleapis.com/fcm/send/dGVzdA",
                    "https://updates.push.services.mozilla.com/wpush/v2/<b>x</b>",
                    "https://127.0.0.1/x",
                    "http://push.example.com/x",
                ]
            ),
            "p256dh": st.sampled_from([vapid.new_key_pair()[1], "BAAA"]),
            "auth": st.sampled_from(["AAAAAAAAAAAAAAAAAAAAAA", "short"]),
        },
    ),
    # --- webhooks ---
    Target(
        "add a webhook",
        webhooks_forms.HookForm,
        "accounts/webhooks/new/",
        lambda w: "/accounts/webhooks/new/",
        lambda w, d: webhooks_forms.HookForm(d),
        creates=Hook,
        shows=lambda w: ["/accounts/webhooks/"],
        plausible=lambda w: {"url": st.sampled_from(WEBHOOK_URLS)},
    ),
    Target(
        "edit a webhook",
        webhooks_forms.HookForm,
        "accounts/webhooks/<uuid:code>/edit/",
        lambda w: f"/accounts/webhooks/{w.hook.code}/edit/",
        lambda w, d: webhooks_forms.HookForm(d, instance=_fresh(w.hook)),
        shows=lambda w: [f"/accounts/webhooks/{w.hook.code}/", "/accounts/webhooks/"],
        plausible=lambda w: {"url": st.sampled_from(WEBHOOK_URLS)},
    ),
]


# Literal addresses only: a host name would be looked up in DNS on every example.
WEBHOOK_URLS = [
    "https://93.184.215.14/hook",
    "http://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/<b>x</b>",
    "http://127.0.0.1:8000/hook",
    "http://169.254.169.254/latest/",
    "ftp://93.184.215.14/",
    "javascript:alert(1)",
]


def _last(value):
    return value[-1] if isinstance(value, list) else value


# GET forms: query strings fuzzed by test_forms_fuzz.py::test_filter_forms.
FILTER_FORMS = {
    contacts_forms.ContactFilterForm: "/contacts/",
    interactions_forms.InteractionFilterForm: "/interactions/",
    opportunities_forms.OpportunityFilterForm: "/opportunities/list/",
    projects_forms.ProjectFilterForm: "/projects/list/",
    collaborations_forms.CollaborationFilterForm: "/collaborations/list/",
    collaborations_forms.FeedbackFilterForm: "/collaborations/feedback/",
    resources_forms.ResourceFilterForm: "/resources/",
    network_forms.StackMapFilterForm: "/network/",
    network_forms.MatchForm: "/network/match/",
}

# Every other URL, with a concrete path for alice's world. All of them (and the targets' URLs)
# get hostile query strings and bodies in test_forms_fuzz.py::test_every_url_survives_junk.
OTHER_URLS: dict[str, Callable[[World], str]] = {
    "": lambda w: "/",
    "dashboard/widget/<slug:name>/": lambda w: "/dashboard/widget/stats/",
    "dashboard/due-today.json": lambda w: "/dashboard/due-today.json",
    "healthz": lambda w: "/healthz",
    "sw.js": lambda w: "/sw.js",
    "push/test/": lambda w: "/push/test/",
    "push/devices/<uuid:code>/remove/": lambda w: f"/push/devices/{w.push_device.code}/remove/",
    "manifest.webmanifest": lambda w: "/manifest.webmanifest",
    "accounts/webhooks/": lambda w: "/accounts/webhooks/",
    "accounts/webhooks/<uuid:code>/": lambda w: f"/accounts/webhooks/{w.hook.code}/",
    "accounts/webhooks/<uuid:code>/delete/": lambda w: f"/accounts/webhooks/{w.hook.code}/delete/",
    "accounts/webhooks/<uuid:code>/test/": lambda w: f"/accounts/webhooks/{w.hook.code}/test/",
    "accounts/webhooks/<uuid:code>/rotate-secret/": lambda w: (
        f"/accounts/webhooks/{w.hook.code}/rotate-secret/"
    ),
    "accounts/webhooks/<uuid:code>/enable/": lambda w: f"/accounts/webhooks/{w.hook.code}/enable/",
    "accounts/webhooks/deliveries/<uuid:code>/redeliver/": lambda w: (
        f"/accounts/webhooks/deliveries/{w.delivery.code}/redeliver/"
    ),
    "offline/": lambda w: "/offline/",
    "capture/": lambda w: "/capture/",
    "capture/session/": lambda w: "/capture/session/",
    "capture/send/contact/": lambda w: "/capture/send/contact/",
    "capture/send/interaction/": lambda w: "/capture/send/interaction/",
    "accounts/logout/": lambda w: "/accounts/logout/",
    "accounts/security/": lambda w: "/accounts/security/",
    "accounts/security/sessions/<uuid:code>/logout/": lambda w: (
        f"/accounts/security/sessions/{w.login_session.code}/logout/"
    ),
    "accounts/security/sessions/logout-others/": lambda w: (
        "/accounts/security/sessions/logout-others/"
    ),
    "accounts/2fa/": lambda w: "/accounts/2fa/",
    "accounts/2fa/app/": lambda w: "/accounts/2fa/app/",
    "accounts/2fa/recovery-codes/": lambda w: "/accounts/2fa/recovery-codes/",
    "accounts/2fa/disable/": lambda w: "/accounts/2fa/disable/",
    "accounts/2fa/confirm/": lambda w: "/accounts/2fa/confirm/",
    "accounts/2fa/verify/": lambda w: "/accounts/2fa/verify/",
    "accounts/2fa/passkeys/register/options/": lambda w: "/accounts/2fa/passkeys/register/options/",
    "accounts/2fa/passkeys/register/": lambda w: "/accounts/2fa/passkeys/register/",
    "accounts/2fa/passkeys/auth/options/": lambda w: "/accounts/2fa/passkeys/auth/options/",
    "accounts/2fa/passkeys/auth/": lambda w: "/accounts/2fa/passkeys/auth/",
    "accounts/2fa/passkeys/<uuid:code>/remove/": lambda w: (
        f"/accounts/2fa/passkeys/{_passkey(w).code}/remove/"
    ),
    "accounts/invites/<uuid:code>/revoke/": lambda w: f"/accounts/invites/{w.invite.code}/revoke/",
    "accounts/password/done/": lambda w: "/accounts/password/done/",
    "accounts/password/reset/sent/": lambda w: "/accounts/password/reset/sent/",
    "accounts/password/reset/done/": lambda w: "/accounts/password/reset/done/",
    "contacts/": lambda w: "/contacts/",
    "search/": lambda w: "/search/?q=script",
    "search/similar/<uuid:code>/": lambda w: f"/search/similar/{w.contact.code}/",
    "search/talked/<uuid:code>/": lambda w: f"/search/talked/{w.interaction.code}/",
    "contacts/<uuid:code>/": lambda w: f"/contacts/{w.contact.code}/",
    "contacts/<uuid:code>/archive/": lambda w: f"/contacts/{w.contact.code}/archive/",
    "contacts/<uuid:code>/delete/": lambda w: f"/contacts/{w.other.code}/delete/",
    "contacts/<uuid:code>/history/": lambda w: f"/contacts/{w.contact.code}/history/",
    "contacts/<uuid:code>/history/<int:history_id>/restore/": lambda w: (
        f"/contacts/{w.contact.code}/history/{w.contact.history.earliest().history_id}/restore/"
    ),
    "contacts/tags/<uuid:code>/delete/": lambda w: f"/contacts/tags/{w.tag2.code}/delete/",
    "interactions/": lambda w: "/interactions/",
    "interactions/contact/<uuid:code>/timeline/": lambda w: (
        f"/interactions/contact/{w.contact.code}/timeline/"
    ),
    "interactions/<uuid:code>/": lambda w: f"/interactions/{w.interaction.code}/",
    "interactions/<uuid:code>/delete/": lambda w: f"/interactions/{w.interaction.code}/delete/",
    "resources/": lambda w: "/resources/",
    "resources/<uuid:code>/delete/": lambda w: f"/resources/{w.resource.code}/delete/",
    "reminders/": lambda w: "/reminders/",
    "reminders/<uuid:code>/complete/": lambda w: f"/reminders/{w.reminder.code}/complete/",
    "reminders/<uuid:code>/dismiss/": lambda w: f"/reminders/{w.reminder.code}/dismiss/",
    "reminders/settings/calendar-address/": lambda w: "/reminders/settings/calendar-address/",
    "reminders/calendar/<str:token>.ics": lambda w: (
        f"/reminders/calendar/{w.alice.calendar_token}.ics"
    ),
    "vip/": lambda w: "/vip/",
    "vip/contact/<uuid:code>/toggle/": lambda w: f"/vip/contact/{w.other.code}/toggle/",
    "vip/contact/<uuid:code>/<slug:key>/": lambda w: f"/vip/contact/{w.contact.code}/background/",
    "vip/projects/<uuid:code>/delete/": lambda w: f"/vip/projects/{w.project.code}/delete/",
    "opportunities/": lambda w: "/opportunities/",
    "opportunities/list/": lambda w: "/opportunities/list/",
    "opportunities/analytics/": lambda w: "/opportunities/analytics/",
    "opportunities/<uuid:code>/": lambda w: f"/opportunities/{w.opportunity.code}/",
    "opportunities/<uuid:code>/delete/": lambda w: f"/opportunities/{w.opportunity.code}/delete/",
    "opportunities/<uuid:code>/people/<uuid:participant>/remove/": lambda w: (
        f"/opportunities/{w.opportunity.code}/people/{w.participant.code}/remove/"
    ),
    "collaborations/": lambda w: "/collaborations/",
    "collaborations/list/": lambda w: "/collaborations/list/",
    "collaborations/feedback/": lambda w: "/collaborations/feedback/",
    "collaborations/ideas/": lambda w: "/collaborations/ideas/",
    "collaborations/<uuid:code>/": lambda w: f"/collaborations/{w.collaboration.code}/",
    "collaborations/<uuid:code>/delete/": lambda w: (
        f"/collaborations/{w.collaboration.code}/delete/"
    ),
    "collaborations/people/<uuid:code>/remove/": lambda w: (
        f"/collaborations/people/{w.person.code}/remove/"
    ),
    "collaborations/feedback/<uuid:code>/delete/": lambda w: (
        f"/collaborations/feedback/{w.feedback.code}/delete/"
    ),
    "collaborations/sessions/<uuid:code>/delete/": lambda w: (
        f"/collaborations/sessions/{w.session.code}/delete/"
    ),
    "collaborations/planned/<uuid:code>/remove/": lambda w: (
        f"/collaborations/planned/{w.planned.code}/remove/"
    ),
    "collaborations/ideas/<uuid:code>/delete/": lambda w: (
        f"/collaborations/ideas/{w.idea.code}/delete/"
    ),
    "projects/": lambda w: "/projects/",
    "projects/list/": lambda w: "/projects/list/",
    "projects/analytics/": lambda w: "/projects/analytics/",
    "projects/<uuid:code>/": lambda w: f"/projects/{w.freelance.code}/",
    "projects/<uuid:code>/delete/": lambda w: f"/projects/{w.freelance.code}/delete/",
    "projects/people/<uuid:code>/remove/": lambda w: f"/projects/people/{w.member.code}/remove/",
    "projects/milestones/<uuid:code>/delete/": lambda w: (
        f"/projects/milestones/{w.milestone.code}/delete/"
    ),
    "projects/payments/<uuid:code>/delete/": lambda w: (
        f"/projects/payments/{w.payment.code}/delete/"
    ),
    "projects/payments/<uuid:code>/write-off/": lambda w: (
        f"/projects/payments/{w.payment.code}/write-off/"
    ),
    "projects/payments/<uuid:code>/invoice/": lambda w: (
        f"/projects/payments/{w.payment.code}/invoice/"
    ),
    "projects/time/<uuid:code>/delete/": lambda w: f"/projects/time/{w.time_entry.code}/delete/",
    "network/": lambda w: "/network/",
    "network/tech/": lambda w: "/network/tech/?q=Rust",
    "network/tech/<path:technology>/": lambda w: "/network/tech/Rust/",
    "network/match/": lambda w: f"/network/match/?project={w.freelance.code}",
    "network/introductions/<uuid:code>/": lambda w: f"/network/introductions/{w.contact.code}/",
    "network/introduce/<uuid:code_a>/<uuid:code_b>/": lambda w: (
        f"/network/introduce/{w.contact.code}/{w.other.code}/"
    ),
    "connect/": lambda w: "/connect/",
    "connect/<uuid:code>/": lambda w: f"/connect/{w.quick_code.code}/",
    "connect/<uuid:code>/qr.<str:fmt>": lambda w: f"/connect/{w.quick_code.code}/qr.svg",
    "connect/<uuid:code>/count/": lambda w: f"/connect/{w.quick_code.code}/count/",
    "connect/<uuid:code>/revoke/": lambda w: f"/connect/{w.quick_code.code}/revoke/",
    "connect/<uuid:code>/extend/": lambda w: f"/connect/{w.quick_code.code}/extend/",
    "connect/events/<uuid:code>/": lambda w: f"/connect/events/{w.event.code}/",
    "notifications/": lambda w: "/notifications/",
    "notifications/read-all/": lambda w: "/notifications/read-all/",
    "notifications/<uuid:code>/read/": lambda w: f"/notifications/{w.notification.code}/read/",
    "q/<str:token>/thanks/": lambda w: f"/q/{w.quick_code.token}/thanks/",
    "contacts/bulk/": lambda w: "/contacts/bulk/",
    "contacts/import/": lambda w: "/contacts/import/",
    "contacts/import/new/": lambda w: "/contacts/import/new/",
    "contacts/import/<uuid:code>/": lambda w: f"/contacts/import/{w.batch.code}/",
    "contacts/import/<uuid:code>/columns/": lambda w: f"/contacts/import/{w.batch.code}/columns/",
    "contacts/import/<uuid:code>/confirm/": lambda w: f"/contacts/import/{w.batch.code}/confirm/",
    "contacts/import/<uuid:code>/process/": lambda w: f"/contacts/import/{w.batch.code}/process/",
    "contacts/import/<uuid:code>/undo/": lambda w: f"/contacts/import/{w.batch.code}/undo/",
    "contacts/import/<uuid:code>/remove/": lambda w: f"/contacts/import/{w.batch.code}/remove/",
    "contacts/export/": lambda w: "/contacts/export/",
    "contacts/export/contacts.csv": lambda w: "/contacts/export/contacts.csv",
    "contacts/export/contacts.vcf": lambda w: "/contacts/export/contacts.vcf",
    "contacts/export/everything.json": lambda w: "/contacts/export/everything.json",
    "contacts/export/restore/": lambda w: "/contacts/export/restore/",
    "jobs/": lambda w: "/jobs/",
    "jobs/<uuid:code>/": lambda w: f"/jobs/{w.job.code}/",
    "jobs/<uuid:code>/step/": lambda w: f"/jobs/{w.job.code}/step/",
    "contacts/duplicates/": lambda w: "/contacts/duplicates/",
    "contacts/duplicates/dismiss/": lambda w: "/contacts/duplicates/dismiss/",
    "contacts/duplicates/merge/": lambda w: (
        f"/contacts/duplicates/merge/?c={w.other.code}&c={w.twin.code}"
    ),
    "accounts/tokens/<uuid:code>/revoke/": lambda w: (
        f"/accounts/tokens/{_api_token(w).code}/revoke/"
    ),
    # The API (JSON bodies; junk query strings and form-encoded bodies must still get a problem
    # document, never a 5xx), signed in by the session or anonymous.
    "api/v1/openapi.json": lambda w: "/api/v1/openapi.json",
    "api/v1/docs": lambda w: "/api/v1/docs",
    "api/v1/": lambda w: "/api/v1/",
    "api/v1/<path:rest>": lambda w: "/api/v1/no/such/thing",
    "api/v1/me": lambda w: "/api/v1/me",
    "api/v1/contacts": lambda w: "/api/v1/contacts",
    "api/v1/contacts/<uuidstr:code>": lambda w: f"/api/v1/contacts/{w.contact.code}",
    "api/v1/contacts/<uuidstr:code>/archive": lambda w: f"/api/v1/contacts/{w.other.code}/archive",
    "api/v1/contacts/<uuidstr:code>/unarchive": lambda w: (
        f"/api/v1/contacts/{w.other.code}/unarchive"
    ),
    "api/v1/contacts/<uuidstr:code>/interactions": lambda w: (
        f"/api/v1/contacts/{w.contact.code}/interactions"
    ),
    "api/v1/tags": lambda w: "/api/v1/tags",
    "api/v1/interactions": lambda w: "/api/v1/interactions",
    "api/v1/interaction-types": lambda w: "/api/v1/interaction-types",
    "api/v1/reminders": lambda w: "/api/v1/reminders",
    "api/v1/reminders/<uuidstr:code>": lambda w: f"/api/v1/reminders/{w.reminder.code}",
    "api/v1/reminders/<uuidstr:code>/complete": lambda w: (
        f"/api/v1/reminders/{w.reminder.code}/complete"
    ),
    "api/v1/reminders/<uuidstr:code>/snooze": lambda w: (
        f"/api/v1/reminders/{w.reminder.code}/snooze"
    ),
    "api/v1/opportunities": lambda w: "/api/v1/opportunities",
    "api/v1/opportunities/<uuidstr:code>": lambda w: f"/api/v1/opportunities/{w.opportunity.code}",
    "api/v1/opportunities/<uuidstr:code>/status": lambda w: (
        f"/api/v1/opportunities/{w.opportunity.code}/status"
    ),
    "api/v1/projects": lambda w: "/api/v1/projects",
    "api/v1/projects/<uuidstr:code>": lambda w: f"/api/v1/projects/{w.freelance.code}",
    "api/v1/projects/<uuidstr:code>/stage": lambda w: f"/api/v1/projects/{w.freelance.code}/stage",
    "suggestions/": lambda w: "/suggestions/",
    "suggestions/<uuid:code>/dismiss/": lambda w: f"/suggestions/{_suggestion(w).code}/dismiss/",
    "suggestions/brief/<uuid:code>/": lambda w: f"/suggestions/brief/{w.contact.code}/",
}

# Forms whose answer depends on more than the form's own validity (a selection of contacts, an
# uploaded file, a step of a multi-step flow): each has its own property test, named here, in
# tests/fuzz/test_flows_fuzz.py; the same properties hold (never a 5xx, refused input says why and
# writes nothing, accepted input does what it should, payloads rendered escaped). Their URLs are in
# OTHER_URLS as well, so they also get the junk.
DEDICATED: dict[str, str] = {
    "contacts/bulk/": "test_bulk_actions",
    "contacts/import/new/": "test_import_upload",
    "contacts/import/<uuid:code>/columns/": "test_import_flow",
    "contacts/import/<uuid:code>/confirm/": "test_import_flow",
    "contacts/import/<uuid:code>/process/": "test_import_flow",
    "contacts/import/<uuid:code>/undo/": "test_import_flow",
    "contacts/import/<uuid:code>/remove/": "test_import_flow",
    "contacts/export/contacts.csv": "test_exports_follow_the_filters",
    "contacts/export/contacts.vcf": "test_exports_follow_the_filters",
    "contacts/export/restore/": "test_restore_upload",
    "contacts/duplicates/merge/": "test_merge",
    "contacts/duplicates/dismiss/": "test_dismiss",
    "capture/send/contact/": "test_queued_entries",
    "capture/send/interaction/": "test_queued_entries",
    "accounts/2fa/app/": "test_two_factor_codes",
    "accounts/2fa/confirm/": "test_two_factor_codes",
    "accounts/2fa/verify/": "test_two_factor_codes",
    "accounts/2fa/passkeys/register/": "test_two_factor_codes",
}
DEDICATED_FORMS: dict[str, str] = {
    "contacts.forms.BulkActionForm": "test_bulk_actions",
    "imports.forms.UploadForm": "test_import_upload",
    "imports.forms.MappingForm": "test_import_flow",
    "exports.forms.RestoreForm": "test_restore_upload",
    "duplicates.forms.MergeForm": "test_merge",
    "pwa.forms.QueuedContactForm": "test_queued_entries",
    "pwa.forms.QueuedInteractionForm": "test_queued_entries",
    "twofactor.forms.ConfirmAppForm": "test_two_factor_codes",
    "twofactor.forms.VerifyForm": "test_two_factor_codes",
    "twofactor.forms.ReauthForm": "test_two_factor_codes",
    "twofactor.forms.PasskeyForm": "test_two_factor_codes",
}

# Not fuzzed here, and why.
EXEMPT_PREFIXES = {
    "admin/": "Django's own admin forms, staff only; escaping checked by test_stored_payloads",
}
# Form classes that no view of this project posts.
EXEMPT_FORMS: dict[str, str] = {
    "vip.admin.ContactInfoAdminForm": "admin only",
}
