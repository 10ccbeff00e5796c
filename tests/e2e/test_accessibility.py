"""axe-core over every page a user reaches, in both themes, on a desktop and a phone.

axe-core is vendored in tests/e2e/vendor/ (from the npm registry, MPL-2.0; see its LICENSE there),
so the test needs no network. It is injected as an init script, which the page's Content Security
Policy does not govern, and run after each page has loaded. Serious and critical findings fail.
"""

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext

from accounts.models import User
from collaborations.models import Collaboration
from contacts.models import Contact, Tag
from demo.seed import seed
from imports import services as imports
from interactions.models import Interaction
from opportunities.models import Opportunity
from projects.models import Project
from quickconnect.models import QuickConnectCode
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
FAILING = {"serious", "critical"}
THEMES = ("light", "dark")
WIDTHS = {"desktop": (1280, 900), "phone": (375, 812)}


def realistic_user() -> User:
    """The demo seed's user (contacts, interactions, reminders, VIPs, opportunities, projects,
    tags), plus what the seed leaves out: tags of every colour, a Quick Connect code, an import."""
    seed(users=1, contacts_per_user=30, interactions_per_contact=3, seed=7, password=PASSWORD)
    user = User.objects.get(username="demo")
    for tag, colour in zip(Tag.objects.filter(owner=user), Tag.Colour.values * 10, strict=False):
        tag.colour = colour
        tag.save(update_fields=["colour"])
    event = user.events.first()
    QuickConnectCode.objects.create(owner=user, event=event, location="Hall B", session="Keynote")
    QuickConnectCode.objects.create(
        owner=user, event_name="Old meetup", expires_at=timezone.now() - dt.timedelta(days=1)
    )
    csv = "First Name,Last Name,Company,Position\nAda,Lovelace,Analytical Engines,Engineer\n"
    batch = imports.create_batch(user, "Connections.csv", csv.encode())
    imports.analyse(batch)
    imports.confirm(batch)
    while imports.process_chunk(batch):
        pass
    return user


def pages(user: User) -> list[str]:
    """Every page reachable from the navigation and the account menu, plus a detail page of
    each kind."""
    contact = Contact.objects.filter(owner=user, is_vip=True).first()
    interaction = Interaction.objects.filter(contact__owner=user).first()
    return [
        reverse("home"),
        reverse("contacts:list"),
        reverse("contacts:create"),
        reverse("contacts:detail", args=[contact.code]),
        reverse("contacts:tags"),
        reverse("vip:list"),
        reverse("interactions:list"),
        reverse("interactions:detail", args=[interaction.code]),
        reverse("quickconnect:list"),
        reverse("quickconnect:show", args=[user.quick_connect_codes.first().code]),
        reverse("quickconnect:notifications"),
        reverse("reminders:list"),
        reverse("reminders:preferences"),
        reverse("opportunities:board"),
        reverse("opportunities:list"),
        reverse("opportunities:detail", args=[Opportunity.objects.filter(owner=user)[0].code]),
        reverse("projects:board"),
        reverse("projects:detail", args=[Project.objects.filter(owner=user)[0].code]),
        reverse("collaborations:board"),
        reverse("collaborations:list"),
        reverse("collaborations:detail", args=[Collaboration.objects.filter(owner=user)[0].code]),
        reverse("collaborations:ideas"),
        reverse("collaborations:feedback"),
        reverse("network:stack_map"),
        reverse("resources:list"),
        reverse("imports:upload"),
        reverse("imports:list"),
        reverse("imports:detail", args=[user.import_batches.first().code]),
        reverse("search:page") + "?q=python",
        reverse("accounts:password_change"),
        reverse("accounts:delete"),
        reverse("security:index"),
        reverse("twofactor:index"),
        reverse("twofactor:totp_setup"),
        reverse("contacts:history", args=[contact.code]),
    ]


def logged_in_context(
    browser: Browser, base_url: str, size: tuple[int, int], theme: str, has_touch: bool = False
) -> BrowserContext:
    """A context of the given viewport size whose system prefers the given theme (the site follows
    it until the user picks one), with axe-core loaded, logged in as the user "demo"."""
    width, height = size
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": width, "height": height},
        color_scheme=theme,
        has_touch=has_touch,
    )
    context.set_default_timeout(15_000)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("demo")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.close()
    return context


AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + " :: " + (n.failureSummary || "").split("\\n")[1]),
  }));
}"""


SETTLED = "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"


def violations(context: BrowserContext, paths: list[str], theme: str) -> list[dict]:
    page = context.new_page()
    found = []
    for path in paths:
        page.goto(path)
        # Parts drawn by htmx once the page has loaded are checked too, after they have arrived.
        page.wait_for_function(SETTLED)
        assert page.evaluate("document.documentElement.dataset.theme") == theme
        for violation in page.evaluate(AXE_RUN):
            if violation["impact"] in FAILING:
                found.append({"path": path, **violation})
    page.close()
    return found


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_serious_axe_violations(browser: Browser, live_server, width: str, theme: str) -> None:
    paths = pages(realistic_user())
    context = logged_in_context(browser, live_server.url, WIDTHS[width], theme)
    found = violations(context, paths, theme)
    context.close()
    report = [
        f"{v['path']}: {v['id']} ({v['impact']}, {len(v['nodes'])}) {v['help']}: {v['nodes'][:3]}"
        for v in found
    ]
    assert not found, f"{width}, {theme} theme:\n" + "\n".join(report)


def public_pages(user: User) -> list[str]:
    """The pages people see without an account: log-in, sign-up, password reset, the public
    Quick Connect form, and the installable app's offline and capture pages."""
    code = QuickConnectCode.objects.create(owner=user, event_name="PyCon 2026")
    return [
        reverse("accounts:login"),
        reverse("accounts:signup"),
        reverse("accounts:password_reset"),
        reverse("quickconnect:public", args=[code.token]),
        "/offline/",
        "/capture/",
    ]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_serious_axe_violations_on_public_pages(
    browser: Browser, live_server, width: str, theme: str
) -> None:
    user = User.objects.create_user("ada", password=PASSWORD, display_name="Ada Lovelace")
    w, h = WIDTHS[width]
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": w, "height": h}, color_scheme=theme
    )
    context.add_init_script(path=str(AXE))
    found = violations(context, public_pages(user), theme)
    context.close()
    report = [
        f"{v['path']}: {v['id']} ({v['impact']}) {v['help']}: {v['nodes'][:3]}" for v in found
    ]
    assert not found, f"{width}, {theme} theme:\n" + "\n".join(report)
