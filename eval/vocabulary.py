"""The topics the synthetic network talks about, written as a developer would note them, and
what someone searching for each would type: other words for the same thing (a search by meaning
should bridge them), plus the named tools a note may mention (a search for the exact word)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    key: str
    subjects: tuple[str, ...]  # interaction subjects
    notes: tuple[str, ...]  # sentences an interaction's notes are made of
    queries: tuple[str, ...]  # what you would search for, in other words
    tools: tuple[str, ...]  # named things a note can mention, searched for by name


TOPICS = (
    Topic(
        "salary",
        ("Salary talk", "Compensation"),
        (
            "She weighed the base pay against the equity in the package.",
            "Went through base, bonus and stock for the new role.",
            "Asked whether to counter the number the recruiter named.",
        ),
        ("job offer", "negotiating pay", "how much they would earn", "money for a new position"),
        ("Levels.fyi", "Carta"),
    ),
    Topic(
        "memory_safety",
        ("Pair programming", "Code review"),
        (
            "Chased a use-after-free in the parser together.",
            "The borrow checker rejected the shared mutable reference.",
            "Moved the buffer handling out of unsafe blocks.",
        ),
        ("memory safety", "dangling pointers", "ownership and lifetimes", "segfault hunting"),
        ("Rust", "Miri", "Valgrind"),
    ),
    Topic(
        "kubernetes",
        ("Cluster migration", "Infra chat"),
        (
            "They are moving every service onto managed clusters.",
            "Pods kept getting evicted until the requests were fixed.",
            "Wrote Helm charts for the staging environment.",
        ),
        (
            "container orchestration",
            "deploying to k8s",
            "scheduling containers",
            "cloud infrastructure move",
        ),
        ("Kubernetes", "Helm", "ArgoCD"),
    ),
    Topic(
        "hiring",
        ("Hiring", "Team growth"),
        (
            "Their team needs two more backend people before summer.",
            "Reviewed the take-home exercise they give candidates.",
            "Asked me to refer anyone good at distributed systems.",
        ),
        (
            "recruiting engineers",
            "open positions on their team",
            "looking for candidates",
            "they want to grow the team",
        ),
        ("Greenhouse", "Lever"),
    ),
    Topic(
        "burnout",
        ("Catch-up", "Walk"),
        (
            "He is exhausted after three months of on-call and night releases.",
            "Thinking of taking a sabbatical to recover.",
            "Said the workload has been crushing and sleep is bad.",
        ),
        ("stress and overwork", "needs a break from work", "mental health", "tired of the job"),
        ("Headspace",),
    ),
    Topic(
        "conference_talk",
        ("Talk prep", "CFP review"),
        (
            "Rehearsed the slides for her session at the conference.",
            "Helped tighten the abstract before the submission deadline.",
            "The keynote slot is forty minutes with questions.",
        ),
        ("public speaking", "presenting at an event", "call for papers", "giving a presentation"),
        ("PyCon", "FOSDEM", "KubeCon"),
    ),
    Topic(
        "database_performance",
        ("Query tuning", "Database review"),
        (
            "The dashboard query scanned the whole table for every request.",
            "Added a composite index and the report went from minutes to seconds.",
            "Looked at the execution plan of the slowest statements.",
        ),
        ("slow SQL", "speeding up queries", "indexes for a big table", "database latency"),
        ("PostgreSQL", "EXPLAIN", "pgbouncer"),
    ),
    Topic(
        "open_source_maintenance",
        ("Maintainers chat", "Open source"),
        (
            "Triaged the issue backlog of the library she maintains.",
            "Too many pull requests and not enough reviewers.",
            "Looking for sponsors to fund the project's upkeep.",
        ),
        (
            "maintaining a public project",
            "funding free software",
            "contributors and pull requests",
            "looking after a library",
        ),
        ("GitHub Sponsors", "Open Collective"),
    ),
    Topic(
        "frontend_framework",
        ("Frontend rewrite", "UI architecture"),
        (
            "Rewriting the old jQuery screens as components.",
            "Server-side rendering cut the first paint in half.",
            "State management in the browser is getting out of hand.",
        ),
        ("web UI framework", "single page app", "client side rendering", "javascript components"),
        ("React", "Svelte", "Vue"),
    ),
    Topic(
        "machine_learning",
        ("ML project", "Model training"),
        (
            "Training a classifier on their support tickets.",
            "The model overfits the small labelled set.",
            "Evaluated embeddings for semantic search.",
        ),
        (
            "artificial intelligence",
            "neural networks",
            "training data and models",
            "predictive models",
        ),
        ("PyTorch", "scikit-learn", "Hugging Face"),
    ),
    Topic(
        "startup_funding",
        ("Fundraising", "Startup"),
        (
            "They are raising a seed round and pitching investors next month.",
            "The term sheet values the company lower than hoped.",
            "Runway is eight months without new money.",
        ),
        (
            "venture capital",
            "investors for a new company",
            "founding a business",
            "money for a startup",
        ),
        ("Y Combinator", "Crunchbase"),
    ),
    Topic(
        "security_incident",
        ("Incident review", "Security"),
        (
            "An attacker used a leaked token to read the bucket.",
            "Rotated every credential after the breach.",
            "Wrote the postmortem for the intrusion.",
        ),
        ("data breach", "hacked account", "compromised secrets", "cyber attack"),
        ("Vault", "CVE", "OWASP"),
    ),
    Topic(
        "testing",
        ("Test strategy", "QA"),
        (
            "Their suite is slow and flaky, so people skip it.",
            "Introduced property-based tests for the parser.",
            "Mutation testing showed assertions that could never fail.",
        ),
        ("automated tests", "unreliable CI checks", "test coverage", "quality assurance"),
        ("pytest", "Hypothesis", "Playwright"),
    ),
    Topic(
        "remote_work",
        ("Remote work", "Team rituals"),
        (
            "Their team spans six time zones and meets twice a week.",
            "Async written updates replaced the daily standup.",
            "Moving to the countryside now that the office is optional.",
        ),
        ("working from home", "distributed team", "no office", "async collaboration"),
        ("Slack", "Notion"),
    ),
    Topic(
        "career_change",
        ("Career", "Mentoring"),
        (
            "Wants to move from teaching into software development.",
            "Finished a bootcamp and is applying for junior roles.",
            "Worried that switching fields at forty is too late.",
        ),
        ("switching careers", "becoming a programmer", "new profession", "breaking into tech"),
        ("freeCodeCamp",),
    ),
    Topic(
        "management",
        ("Leadership", "One-on-one"),
        (
            "Just became a team lead and struggles to delegate.",
            "Running one-on-ones and performance reviews for the first time.",
            "Torn between the staff engineer path and managing people.",
        ),
        ("engineering manager", "leading a team", "people management", "becoming a boss"),
        ("Lattice",),
    ),
    Topic(
        "mobile_app",
        ("Mobile app", "App release"),
        (
            "Their phone app got rejected by the store review twice.",
            "Push notifications drain the battery on older devices.",
            "Sharing code between the iPhone and Android versions.",
        ),
        ("smartphone application", "iOS and Android", "app store submission", "native apps"),
        ("Swift", "Kotlin", "Flutter"),
    ),
    Topic(
        "data_pipeline",
        ("Data platform", "ETL"),
        (
            "Nightly batch jobs load events into the warehouse.",
            "The stream processing lag grows during peak hours.",
            "Backfilled two years of clickstream data.",
        ),
        (
            "analytics infrastructure",
            "moving data between systems",
            "event streaming",
            "warehouse loading",
        ),
        ("Kafka", "Airflow", "Snowflake"),
    ),
    Topic(
        "accessibility",
        ("Accessibility audit", "UX"),
        (
            "Screen readers could not reach the checkout button.",
            "Fixed colour contrast and keyboard focus order.",
            "Their users include many people with low vision.",
        ),
        ("a11y", "disabled users", "usable for blind people", "inclusive design"),
        ("WCAG", "axe"),
    ),
    Topic(
        "parenting",
        ("Catch-up", "Coffee"),
        (
            "Their daughter was born in March and nobody sleeps.",
            "Taking parental leave for four months.",
            "Juggling daycare pickups with the release schedule.",
        ),
        ("new baby", "family life", "kids and work", "becoming a parent"),
        (),
    ),
    Topic(
        "relocation",
        ("Moving abroad", "Visa"),
        (
            "Got the work permit to move to Berlin.",
            "Looking for a flat before the relocation in autumn.",
            "The company pays for moving the family overseas.",
        ),
        ("immigration", "living in another country", "emigrating for work", "moving to a new city"),
        ("Blue Card",),
    ),
    Topic(
        "compilers",
        ("Language design", "Compiler hacking"),
        (
            "Writing a type checker for their configuration language.",
            "The optimiser inlines too aggressively and code size explodes.",
            "Generating bytecode from the syntax tree.",
        ),
        (
            "programming language implementation",
            "parsers and interpreters",
            "static typing",
            "code generation",
        ),
        ("LLVM", "OCaml", "ANTLR"),
    ),
    Topic(
        "observability",
        ("Monitoring", "On-call"),
        (
            "Alerts fired all night for a disk that was fine.",
            "Added tracing across the payment services.",
            "Dashboards show latency per endpoint now.",
        ),
        ("logging and metrics", "production monitoring", "debugging live systems", "alert fatigue"),
        ("Prometheus", "Grafana", "OpenTelemetry"),
    ),
    Topic(
        "legacy_migration",
        ("Legacy rewrite", "Modernisation"),
        (
            "Their mainframe billing system still runs COBOL from the eighties.",
            "Strangling the monolith one module at a time.",
            "Nobody left who understands the old codebase.",
        ),
        (
            "old software",
            "modernising an ancient system",
            "technical debt",
            "rewriting the monolith",
        ),
        ("COBOL", "Java 6"),
    ),
    Topic(
        "freelancing",
        ("Freelance", "Consulting"),
        (
            "Went independent and bills clients by the day.",
            "Chasing an invoice that is ninety days late.",
            "Setting a higher rate for the next contract.",
        ),
        ("self-employed", "contract work", "getting clients", "independent consultant"),
        ("Upwork",),
    ),
    Topic(
        "game_development",
        ("Game jam", "Indie game"),
        (
            "Building a pixel-art platformer in the evenings.",
            "The physics engine jitters at high frame rates.",
            "Shipped the demo for the weekend jam.",
        ),
        ("video games", "making a game", "gameplay programming", "indie studio"),
        ("Godot", "Unity"),
    ),
    Topic(
        "cloud_costs",
        ("Cost review", "Cloud bill"),
        (
            "Their hosting bill doubled after the traffic spike.",
            "Reserved instances would save a third of the spend.",
            "Idle staging machines were running all weekend.",
        ),
        (
            "reducing AWS spend",
            "expensive infrastructure",
            "cutting hosting costs",
            "budget for servers",
        ),
        ("AWS", "Terraform"),
    ),
    Topic(
        "documentation",
        ("Docs sprint", "Writing"),
        (
            "Rewrote the getting-started guide for newcomers.",
            "Nobody reads the wiki because it is out of date.",
            "Generating the reference pages from docstrings.",
        ),
        ("technical writing", "manuals and guides", "onboarding docs", "explaining the API"),
        ("Sphinx", "MkDocs"),
    ),
    Topic(
        "blockchain",
        ("Crypto project", "Web3"),
        (
            "Auditing smart contracts for a token launch.",
            "Gas fees made the marketplace unusable.",
            "Their wallet integration lost a transaction.",
        ),
        ("cryptocurrency", "decentralised ledger", "NFT marketplace", "digital coins"),
        ("Ethereum", "Solidity"),
    ),
    Topic(
        "health_running",
        ("Run", "Weekend"),
        (
            "Training for a marathon in the spring.",
            "Injured a knee and is doing physiotherapy.",
            "Runs ten kilometres before work every day.",
        ),
        ("fitness", "jogging", "sports injury", "exercise routine"),
        ("Strava",),
    ),
    Topic(
        "api_design",
        ("API review", "Integration"),
        (
            "Versioning the public endpoints without breaking clients.",
            "Pagination and rate limits for partners.",
            "Debated REST against a query language for the mobile clients.",
        ),
        (
            "web services interface",
            "designing endpoints",
            "breaking changes for integrators",
            "backend contract",
        ),
        ("GraphQL", "OpenAPI", "gRPC"),
    ),
    Topic(
        "layoffs",
        ("Catch-up", "Bad news"),
        (
            "Her whole team was cut in the restructuring.",
            "Got two months of severance and is job hunting.",
            "The company let go a fifth of the engineers.",
        ),
        ("lost their job", "redundancy", "company downsizing", "fired"),
        (),
    ),
)

# Conversations about nothing in particular: the noise every real network has.
SMALL_TALK = (
    "Caught up over coffee, mostly about the weekend.",
    "Quick call to say hello.",
    "Talked about holidays and the weather.",
    "Bumped into each other at the meetup.",
    "Shared a few links and said we should meet again.",
)
JOBS = (
    "Backend developer",
    "Frontend engineer",
    "Staff engineer",
    "Data engineer",
    "SRE",
    "Engineering manager",
    "Developer advocate",
    "Security engineer",
    "CTO",
    "Mobile developer",
)
COMPANIES = (
    "Initech",
    "Globex",
    "Hooli",
    "Umbrella",
    "Stark Industries",
    "Wayne Labs",
    "Acme",
    "Soylent",
    "Tyrell",
    "Cyberdyne",
    "Vandelay",
    "Pied Piper",
)
FIRST = (
    "Ada",
    "Grace",
    "Linus",
    "Margaret",
    "Dennis",
    "Barbara",
    "Ken",
    "Frances",
    "Guido",
    "Radia",
    "Bjarne",
    "Hedy",
    "Alan",
    "Katherine",
    "Tim",
    "Sophie",
    "Yukihiro",
    "Shafi",
    "Edsger",
    "Anita",
)
LAST = (
    "Okafor",
    "Nakamura",
    "Silva",
    "Novak",
    "Haddad",
    "Kowalski",
    "Mensah",
    "Larsen",
    "Ibrahim",
    "Moreau",
    "Rossi",
    "Tanaka",
    "Petrov",
    "Fischer",
    "Costa",
    "Dubois",
    "Yilmaz",
    "Khan",
)
