"""The public site's demo: home, ERIC and partner pages, knowledge base, legal pages,
news and trust circles. Made once and left alone afterwards (found by slug first)."""

import io
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw
from wagtail.models import Page, Site

from cms.editorial import add_contributor, ensure_editorial_setup
from cms.models import (
    AccessibilityStatementPage,
    CodeSourceSheet,
    EricIndexPage,
    EricPage,
    HomePage,
    KnowledgeBaseIndexPage,
    MediaLibraryPage,
    NewsIndexPage,
    NewsPage,
    PartnerIndexPage,
    PartnerPage,
    StandardPage,
    Theme,
)
from cms.services import publish_journal_media
from coaching.enums import AnimationStatus
from coaching.models import Animation, AnimationMedia
from coaching.services.media import store_media
from maps.models import TrustCircleEntry
from organisations.models import Organisation

from .dates import Day, DemoCalendar, at

INTRO = (
    "Quatre Espaces Régionaux Internet Citoyen de Provence-Alpes-Côte d'Azur font "
    "évoluer leur organisation et leur offre de services vers les tiers-lieux, "
    "accompagnés pendant dix mois par une personne ressource, OpenScop et SKEMA. "
    "Tout ce qui s'y invente est documenté et partagé sous licence libre."
)

BODY = (
    "<p>Chaque mois, chaque ERIC accompagné co-organise une animation "
    "multi-partenariale et documentée. Trois formations réunissent les équipes au "
    "fil de l'année, une lettre d'information paraît chaque mois, et au moins une "
    "fiche « code source » rejoint la base de connaissance commune.</p>"
)


def ensure_home_page(programme) -> HomePage:
    existing = HomePage.objects.first()
    if existing:
        return existing
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title="Trajectoires des ERIC vers les tiers-lieux",
            slug="accueil",
            intro=INTRO,
            body=BODY,
        )
    )
    site = Site.objects.filter(is_default_site=True).first()
    previous_root = site.root_page if site else None
    if site:
        site.root_page = home
        site.site_name = "Trajectoires"
        site.save(update_fields=["root_page", "site_name"])
    else:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name="Trajectoires"
        )
    # Wagtail's own "Welcome" page is of the bare Page type: remove it once replaced.
    if previous_root and previous_root.specific_class is Page and previous_root.pk != home.pk:
        previous_root.delete()
    return home


# --- The rest of the public site -------------------------------------------------------
# Pages are found by slug under their parent, so running the demo again changes nothing.


ERIC_PAGES = {
    "made-in-la-boate": {
        "title": "Made in la Boate — Marseille",
        "intro": (
            "Un espace de coworking et de détection de nouveaux usages au cœur de "
            "Marseille : auto-entrepreneurs du numérique, associations de créateurs et "
            "acteurs locaux de l'innovation y mettent en commun leurs savoir-faire."
        ),
        "body": (
            "<p>La Bo[a]te interroge son activité sur les nouveaux publics, un modèle de "
            "« tricotage » étroit avec les réseaux du territoire, la mixité d'un modèle "
            "qui combine partenariats, programmation gratuite ouverte au public et "
            "location de postes de travail, et les rencontres entre communautés en ligne "
            "et membres réels. Membre fondateur du réseau des Cantines.</p>"
        ),
        "trajectory": (
            "<p>Diagnostic de maturité réalisé en septembre, première carte des cercles "
            "de confiance présentée aux coworkers en octobre, premier atelier "
            "multi-partenaires « Tiers-lieu, c'est quoi ? » avec Arsenic et SKEMA.</p>"
        ),
    },
    "centre-social-jean-paul-coste": {
        "title": "Centre Social Jean Paul Coste — Aix-en-Provence",
        "intro": (
            "Un ERIC porté par un centre social de quartier, qui ouvre son espace "
            "numérique aux habitants et aux associations pour en faire un lieu partagé."
        ),
        "body": "<p>Le centre social accueille l'ERIC au cœur du quartier Jas de Bouffan.</p>",
        "trajectory": (
            "<p>Diagnostic partagé avec le conseil d'administration ; premier repair "
            "café avec une association de quartier et SKEMA.</p>"
        ),
    },
    "le-hublot-les-satellites": {
        "title": "Le Hublot + Les Satellites — Nice",
        "intro": (
            "Un ERIC niçois et ses lieux satellites, entre création numérique, "
            "médiation et accompagnement des publics."
        ),
        "body": "<p>Le Hublot fait rayonner ses activités dans plusieurs lieux de la ville.</p>",
        "trajectory": "<p>Auto-positionnement réalisé lors de la première visite.</p>",
    },
    "eric-mediatheque-mouans-sartoux": {
        "title": "Médiathèque de Mouans-Sartoux — tiers-lieu éphémère",
        "intro": (
            "L'ERIC de la médiathèque porte le tiers-lieu éphémère de la Fête du Miel : "
            "un espace de pratiques numériques et un open plateau de télévision citoyenne."
        ),
        "body": (
            "<p>L'open plateau s'installe dans l'espace « L'Aquarium » de la médiathèque, "
            "avec l'équipe et le matériel de l'ERIC, OpenScop et O2Zone.</p>"
        ),
        "trajectory": "<p>Journée préparatoire avec OpenScop prévue en mars.</p>",
    },
}

PARTNER_PAGES = [
    ("openscop", "Expertise tiers-lieux et accompagnement des ERIC"),
    ("skema-business-school", "Documentation scientifique et étude des usagers"),
    ("arsenic-paca", "Réseau régional des ERIC, lien avec le Comité de suivi"),
    ("o2zone", "Médias numériques participatifs et open plateau"),
    ("movilab", "Programme national, documentation en « codes sources »"),
    ("acidd", "CoopConnect : les tiers-lieux en milieu rural"),
]

SHEETS = [
    {
        "slug": "ouvrir-un-espace-de-coworking-dans-un-eric",
        "title": "Ouvrir un espace de coworking dans un ERIC",
        "eric": "made-in-la-boate",
        "month": 1,
        "published": (Day(1, 28), (10, 0)),
        "themes": ["coworking", "modele-economique"],
        "licence": "cc-by-sa-4.0",
        "summary": (
            "Comment La Bo[a]te a transformé des postes en libre accès en postes de "
            "coworking, sans perdre la médiation numérique gratuite."
        ),
        "context": (
            "<p>Un ERIC en centre-ville, des postes libres en journée et des "
            "auto-entrepreneurs du numérique qui cherchent un lieu souple.</p>"
        ),
        "need": "<p>Trouver des recettes propres sans fermer l'espace au public.</p>",
        "what_was_done": (
            "<p>Trois formules (demi-journée, journée, mois), une charte d'accueil "
            "co-écrite avec les premiers coworkers, et des créneaux réservés à la "
            "médiation gratuite.</p>"
        ),
        "resources_needed": "<p>Six postes, une salle de réunion, une personne à l'accueil.</p>",
        "results": "<p>Douze coworkers réguliers en un mois ; la médiation gratuite continue.</p>",
        "how_to_reproduce": (
            "<ol><li>Observer l'occupation des postes pendant deux semaines.</li>"
            "<li>Écrire la charte avec les premiers usagers.</li>"
            "<li>Afficher clairement les créneaux gratuits.</li></ol>"
        ),
    },
    {
        "slug": "organiser-un-repair-cafe-multi-partenaires",
        "title": "Organiser un repair café multi-partenaires",
        "eric": "centre-social-jean-paul-coste",
        "month": 2,
        "published": (Day(2, 26), (14, 0)),
        "themes": ["consommation-collaborative", "animation-communaute"],
        "licence": "movecommons",
        "summary": (
            "Réparer ensemble ordinateurs et petits appareils : le réemploi comme porte "
            "d'entrée vers le tiers-lieu, avec une association de quartier et SKEMA."
        ),
        "context": "<p>Des habitants qui jettent des appareils faute de savoir les réparer.</p>",
        "need": "<p>Faire venir de nouveaux publics et des bénévoles bricoleurs.</p>",
        "what_was_done": (
            "<p>Un samedi par mois, des tables de réparation, un coin café et un "
            "atelier de réemploi des ordinateurs animé par l'équipe de l'ERIC.</p>"
        ),
        "resources_needed": "<p>Outillage de base, trois bénévoles, une assurance.</p>",
        "results": "<p>Quarante personnes, dix-huit objets réparés, cinq nouveaux bénévoles.</p>",
        "how_to_reproduce": (
            "<p>Commencer avec un partenaire qui a déjà des bénévoles ; noter chaque "
            "réparation pour mesurer l'effet.</p>"
        ),
    },
    {
        "slug": "cartographier-ses-cercles-de-confiance",
        "title": "Cartographier ses cercles de confiance",
        "eric": "le-hublot-les-satellites",
        "month": 3,
        "published": (Day(3, 16), (9, 30)),
        "themes": ["gouvernance", "documentation"],
        "licence": "cc-by-sa-4.0",
        "summary": (
            "Un atelier de deux heures pour dessiner l'écosystème d'un ERIC, du premier "
            "cercle au cercle élargi, puis le reporter sur OpenStreetMap."
        ),
        "context": "<p>Un ERIC qui travaille avec beaucoup d'acteurs sans les avoir nommés.</p>",
        "need": "<p>Voir qui compte vraiment, et qui manque.</p>",
        "what_was_done": (
            "<p>Trois cercles dessinés au sol, chaque participant y place ses "
            "partenaires ; l'équipe les saisit ensuite sur la plateforme.</p>"
        ),
        "resources_needed": "<p>Une salle, des post-it, deux heures, un ordinateur.</p>",
        "results": "<p>Vingt-deux entrées, dont six groupes d'usagers jusque-là invisibles.</p>",
        "how_to_reproduce": (
            "<p>Inviter au moins un usager et un partenaire ; refaire l'exercice tous "
            "les six mois pour voir les cercles grandir.</p>"
        ),
    },
    {
        "slug": "animer-un-open-plateau-de-television-citoyenne",
        "title": "Animer un open plateau de télévision citoyenne",
        "eric": "le-hublot-les-satellites",
        "month": 4,
        "published": (Day(4, 18), (11, 0)),
        "themes": ["animation-communaute", "documentation"],
        "licence": "cc-by-sa-4.0",
        "summary": (
            "Un plateau ouvert où les habitants interviewent, filment et diffusent en "
            "direct : comment le Hublot l'a monté avec O2Zone, et ce qu'il faut prévoir."
        ),
        "context": "<p>Des jeunes qui filment déjà tout, sans lieu pour le partager.</p>",
        "need": "<p>Donner la parole au quartier et faire venir de nouveaux publics.</p>",
        "what_was_done": (
            "<p>Un plateau installé dans la grande salle, trois caméras, une régie "
            "tenue par des jeunes formés le mois précédent, diffusion en direct.</p>"
        ),
        "resources_needed": (
            "<p>Trois caméras, une table de mixage, une connexion stable, un "
            "partenaire média citoyen.</p>"
        ),
        "results": "<p>Trois émissions, vingt-six participants, dix jeunes formés.</p>",
        "how_to_reproduce": (
            "<p>Former la régie avant le jour J ; recueillir l'accord écrit des "
            "personnes filmées ; publier sous licence libre.</p>"
        ),
    },
]

# ERIC slug → (name, kind, circle, relation, since, town, lat, lon, linked organisation slug)
TRUST_CIRCLES = {
    "made-in-la-boate": [
        (
            "Coworkers de La Bo[a]te",
            "user_group",
            "core",
            "users",
            Day(1, 1),
            "Marseille",
            "43.294900",
            "5.377300",
            None,
        ),
        (
            "Arsenic PACA",
            "organisation",
            "core",
            "network",
            Day(1, 1),
            "Marseille",
            "43.296500",
            "5.369800",
            "arsenic-paca",
        ),
        (
            "Région Provence-Alpes-Côte d'Azur",
            "organisation",
            "close",
            "funding",
            Day(1, 1),
            "Marseille",
            "43.300500",
            "5.369400",
            "region-sud",
        ),
        (
            "SKEMA Business School",
            "organisation",
            "close",
            "co_organisation",
            Day(2, 1),
            "Sophia Antipolis",
            "43.615600",
            "7.071800",
            "skema-business-school",
        ),
        (
            "Association des créateurs du Panier",
            "organisation",
            "close",
            "co_organisation",
            Day(2, 15),
            "Marseille",
            "43.299100",
            "5.367900",
            "association-des-createurs-du-panier",
        ),
        (
            "Réseau des Cantines",
            "organisation",
            "extended",
            "network",
            Day(1, 1),
            "Paris",
            "48.856600",
            "2.352200",
            None,
        ),
        (
            "MoviLab",
            "organisation",
            "extended",
            "network",
            Day(1, 15),
            "",
            "45.439700",
            "4.387200",
            "movilab",
        ),
    ],
    "centre-social-jean-paul-coste": [
        (
            "Habitants du Jas de Bouffan",
            "user_group",
            "core",
            "users",
            Day(1, 1),
            "Aix-en-Provence",
            "43.527800",
            "5.420900",
            None,
        ),
        (
            "Repair café du quartier",
            "organisation",
            "close",
            "co_organisation",
            Day(2, 1),
            "Aix-en-Provence",
            "43.525000",
            "5.430000",
            None,
        ),
        (
            "SKEMA Business School",
            "organisation",
            "extended",
            "co_organisation",
            Day(2, 1),
            "Sophia Antipolis",
            "43.615600",
            "7.071800",
            "skema-business-school",
        ),
    ],
    "le-hublot-les-satellites": [
        (
            "Artistes numériques en résidence",
            "user_group",
            "core",
            "users",
            Day(1, 1),
            "Nice",
            "43.703000",
            "7.266000",
            None,
        ),
        (
            "O2Zone",
            "organisation",
            "close",
            "co_organisation",
            Day(2, 1),
            "Nice",
            "43.700000",
            "7.250000",
            "o2zone",
        ),
    ],
    "eric-mediatheque-mouans-sartoux": [
        (
            "Comité de la Fête du Miel",
            "organisation",
            "core",
            "co_organisation",
            Day(1, 1),
            "Mouans-Sartoux",
            "43.620800",
            "6.971700",
            None,
        ),
        (
            "OpenScop",
            "organisation",
            "close",
            "co_organisation",
            Day(1, 1),
            "Saint-Étienne",
            "45.439700",
            "4.387200",
            "openscop",
        ),
    ],
}

LEGAL_NOTICE = (
    "<h2>Éditeur</h2><p>Région Provence-Alpes-Côte d'Azur, Service Innovation et "
    "Économie Numérique, 27 place Jules Guesde, 13002 Marseille.</p>"
    "<h2>Hébergement</h2><p>À compléter avec le nom et l'adresse de l'hébergeur retenu "
    "pour la mise en production.</p>"
    "<h2>Licences</h2><p>Sauf mention contraire, les contenus du site sont publiés sous "
    "licence Creative Commons BY-SA 4.0 ; certaines fiches « code source » le sont sous "
    "CC BY 4.0 ou MoveCommons, comme indiqué sur chacune. Les fonds de carte sont "
    "© les contributeurs d'OpenStreetMap (ODbL). Le logiciel est libre (AGPL-3.0).</p>"
)

PRIVACY_NOTICE = (
    "<h2>Ce que la plateforme enregistre</h2><ul>"
    "<li>Pour les personnes qui ont un compte : nom, prénom, adresse électronique, "
    "organisation et rôle, et les contenus qu'elles saisissent (journal "
    "d'accompagnement, fiches, cercles de confiance).</li>"
    "<li>Pour les visiteurs du site public : aucun cookie de mesure d'audience ; un "
    "cookie de session technique seulement si vous vous connectez ou changez de langue.</li>"
    "<li>Les cercles de confiance nomment des organisations et des groupes d'usagers, "
    "jamais des personnes.</li></ul>"
    "<h2>Finalité et base légale</h2><p>Suivre le programme d'accompagnement des ERIC "
    "financé par la Région (mission d'intérêt public).</p>"
    "<h2>Durée de conservation</h2><p>Les comptes sont supprimés un an après la fin du "
    "programme ; les journaux d'accompagnement sont conservés cinq ans pour le bilan "
    "du programme, puis supprimés ; les contenus publiés sous licence libre restent "
    "publics.</p>"
    "<h2>Vos droits</h2><p>Vous pouvez accéder à vos données, les rectifier, les "
    "exporter ou demander leur effacement en écrivant au délégué à la protection des "
    "données de la Région. Vous pouvez aussi saisir la CNIL.</p>"
)

ACCESSIBILITY = (
    "<p>Cette déclaration est générée à partir de la grille d'audit RGAA de la "
    "plateforme : elle change dès qu'un critère change.</p>"
)

OPEN_DATA = (
    "<h2>Cartes</h2><ul>"
    '<li><a href="/donnees/eric.geojson">Les ERIC (GeoJSON)</a></li>'
    "<li>Les cercles de confiance de chaque ERIC (GeoJSON) : "
    '<a href="/donnees/eric/made-in-la-boate/cercles-de-confiance.geojson">'
    "Made in la Boate</a>, "
    '<a href="/donnees/eric/centre-social-jean-paul-coste/cercles-de-confiance.geojson">'
    "Centre Social Jean Paul Coste</a>, "
    '<a href="/donnees/eric/le-hublot-les-satellites/cercles-de-confiance.geojson">'
    "Le Hublot + Les Satellites</a>, "
    '<a href="/donnees/eric/eric-mediatheque-mouans-sartoux/cercles-de-confiance.geojson">'
    "Médiathèque de Mouans-Sartoux</a>.</li>"
    '<li><a href="/donnees/">Toutes les données ouvertes</a>, avec les cercles de '
    "chaque ERIC au premier jour du programme.</li></ul>"
    "<h2>Indicateurs</h2><ul>"
    '<li><a href="/donnees/indicateurs.csv">Fiches « code source » publiées par ERIC et '
    "par mois (CSV)</a></li></ul>"
    "<h2>API</h2><p>Une API JSON en lecture seule : "
    '<a href="/api/openapi.json">son schéma OpenAPI</a> décrit les fiches, les ERIC et '
    "leurs cercles de confiance.</p>"
    "<p>Licence : les données sont publiées sous licence Creative Commons BY-SA 4.0 ; "
    "les positions viennent en partie d'OpenStreetMap (ODbL).</p>"
)


def _child(parent, model, slug, **fields):
    """The published child page ``slug`` of ``parent``, created if missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(slug=slug, live=False, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def load_public_site(programme) -> None:
    """The demo public site: ERIC, partners, knowledge base, legal pages, news, circles."""
    home = ensure_home_page(programme)
    organisations = {org.slug: org for org in Organisation.objects.all()}
    cal = DemoCalendar(programme.start_date)

    eric_index = _child(
        home,
        EricIndexPage,
        "eric",
        title="Les ERIC",
        intro=(
            "Les Espaces Régionaux Internet Citoyen accompagnés vers les tiers-lieux : "
            "où ils sont, qui les entoure, ce qu'ils documentent."
        ),
    )
    for slug, content in ERIC_PAGES.items():
        if slug in organisations:
            _child(
                eric_index,
                EricPage,
                slug,
                title=content["title"],
                eric=organisations[slug],
                intro=content["intro"],
                body=content["body"],
                trajectory_summary=content["trajectory"],
            )

    partner_index = _child(
        home,
        PartnerIndexPage,
        "partenaires",
        title="Les partenaires",
        intro="Ceux qui accompagnent, documentent et relient les ERIC.",
    )
    for slug, role in PARTNER_PAGES:
        if slug in organisations:
            _child(
                partner_index,
                PartnerPage,
                slug,
                title=organisations[slug].name,
                organisation=organisations[slug],
                role=role,
                body="<p>%s</p>" % organisations[slug].description,
            )

    knowledge_base = _child(
        home,
        KnowledgeBaseIndexPage,
        "code-source",
        title="Le code source des tiers-lieux",
        intro=(
            "La base de connaissance du programme : chaque fiche raconte une action "
            "d'un ERIC pour qu'un autre lieu puisse la refaire. Sous licence libre."
        ),
    )
    ensure_editorial_setup(knowledge_base)
    User = get_user_model()
    # The ERIC teams and their resource person write sheets; the editor publishes them.
    for user in User.objects.filter(username__in=["boate", "coste", "hublot", "mouans", "coach"]):
        add_contributor(user)

    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for data in SHEETS:
        if CodeSourceSheet.objects.filter(slug=data["slug"]).exists():
            continue
        if data["eric"] not in organisations:
            continue
        sheet = CodeSourceSheet(
            slug=data["slug"],
            title=data["title"],
            live=False,
            author_eric=organisations[data["eric"]],
            month=cal.month(data["month"]),
            licence=data["licence"],
            summary=data["summary"],
            context=data["context"],
            need=data["need"],
            what_was_done=data["what_was_done"],
            resources_needed=data["resources_needed"],
            results=data["results"],
            how_to_reproduce=data["how_to_reproduce"],
        )
        sheet.themes = [themes[slug] for slug in data["themes"] if slug in themes]
        knowledge_base.add_child(instance=sheet)
        sheet.save_revision().publish()
        day, (hour, minute) = data["published"]
        published = at(day.on(cal), hour, minute)
        CodeSourceSheet.objects.filter(pk=sheet.pk).update(
            first_published_at=published, last_published_at=published
        )

    _child(home, StandardPage, "a-propos", title="À propos du programme", intro=INTRO, body=BODY)
    _child(home, StandardPage, "mentions-legales", title="Mentions légales", body=LEGAL_NOTICE)
    _child(
        home,
        StandardPage,
        "donnees-personnelles",
        title="Données personnelles",
        intro="Ce que la plateforme enregistre, pourquoi, combien de temps, et vos droits.",
        body=PRIVACY_NOTICE,
    )
    _child(
        home,
        StandardPage,
        "donnees-ouvertes",
        title="Données ouvertes",
        intro="Les données publiques du programme, réutilisables librement.",
        body=OPEN_DATA,
    )
    _child(
        home,
        AccessibilityStatementPage,
        "accessibilite",
        title="Déclaration d'accessibilité",
        body=ACCESSIBILITY,
    )
    news_index = _child(
        home,
        NewsIndexPage,
        "actualites",
        title="Actualités",
        intro="La vie du programme, des ERIC et de leurs partenaires.",
    )
    _child(
        news_index,
        NewsPage,
        "lancement-du-programme",
        title="Le programme Trajectoires est lancé",
        date=cal.month(1),
        intro=(
            "Quatre ERIC de la région commencent dix mois d'accompagnement vers les "
            "tiers-lieux, avec OpenScop, SKEMA et une personne ressource."
        ),
        body=(
            "<p>Première étape : un diagnostic de maturité dans chaque ERIC, puis la "
            "cartographie de leurs cercles de confiance.</p>"
        ),
    )

    _child(
        home,
        MediaLibraryPage,
        "photos-et-videos",
        title="Photos et vidéos",
        intro=(
            "<p>Chaque rencontre du programme est photographiée ou filmée et diffusée "
            "sous licence CC BY-SA, avec l'accord des personnes reconnaissables.</p>"
        ),
    )

    _load_published_photo(programme)

    for eric_slug, entries in TRUST_CIRCLES.items():
        eric = organisations.get(eric_slug)
        if eric is None or TrustCircleEntry.objects.filter(eric=eric).exists():
            continue
        TrustCircleEntry.objects.bulk_create(
            [
                TrustCircleEntry(
                    eric=eric,
                    name=name,
                    kind=kind,
                    circle=circle,
                    relation=relation,
                    since=since.on(cal),
                    town=town,
                    latitude=Decimal(lat),
                    longitude=Decimal(lon),
                    organisation=organisations.get(linked) if linked else None,
                )
                for name, kind, circle, relation, since, town, lat, lon, linked in entries
            ]
        )


# --- A journal photo published on « Photos et vidéos » ---------------------------------

PHOTO = {
    "animation": "Repair café de la Bo[a]te",
    "author": "Léa Bernard",
    "caption": "La table de réparation, en fin d'après-midi.",
    "title": "La table de réparation du repair café",
    "alt_text": (
        "Une grande table en bois sous une lampe, couverte d'un grille-pain, d'une radio "
        "et d'outils, devant une fenêtre au coucher du soleil."
    ),
}


def _photo_file() -> ContentFile:
    """The demo's photo, drawn here (nothing is fetched): a workbench under a lamp."""
    image = Image.new("RGB", (1200, 800), (238, 214, 178))
    draw = ImageDraw.Draw(image)
    for y in range(0, 420):  # the window's evening sky
        shade = int(120 + y * 0.25)
        draw.line([(700, 60 + y // 2), (1100, 60 + y // 2)], fill=(250, shade, 110))
    draw.rectangle([690, 50, 1110, 270], outline=(90, 70, 50), width=12)
    draw.line([(900, 50), (900, 270)], fill=(90, 70, 50), width=8)
    draw.polygon([(420, 40), (500, 40), (560, 150), (360, 150)], fill=(30, 90, 80))
    draw.line([(460, 0), (460, 40)], fill=(40, 40, 40), width=6)
    draw.ellipse([430, 140, 490, 175], fill=(255, 236, 150))
    draw.rectangle([80, 470, 1120, 520], fill=(139, 94, 60))  # the table
    draw.rectangle([120, 520, 160, 790], fill=(110, 74, 48))
    draw.rectangle([1040, 520, 1080, 790], fill=(110, 74, 48))
    draw.rounded_rectangle([200, 360, 390, 470], radius=24, fill=(200, 200, 205))  # toaster
    draw.rectangle([240, 340, 260, 362], fill=(60, 60, 60))
    draw.rectangle([320, 340, 340, 362], fill=(60, 60, 60))
    draw.rounded_rectangle([520, 380, 760, 470], radius=12, fill=(170, 60, 50))  # radio
    draw.ellipse([550, 395, 620, 460], fill=(60, 40, 40))
    draw.rectangle([650, 400, 735, 420], fill=(235, 225, 200))
    draw.line([(820, 455), (980, 425)], fill=(70, 70, 80), width=10)  # a screwdriver
    draw.rectangle([960, 415, 1010, 440], fill=(230, 180, 40))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name="repair-cafe.jpg")


def _load_published_photo(programme) -> None:
    """One photo in the journal of a held animation, published on the public page by
    the ERIC's team, as a newcomer would do it (once: skipped when the animation has
    one)."""
    animation = Animation.objects.filter(
        accompaniment__programme=programme,
        title=PHOTO["animation"],
        status=AnimationStatus.HELD,
    ).first()
    if animation is None or animation.media.exists():
        return
    team = get_user_model().objects.filter(username="boate").first()
    if team is None:
        return
    media = store_media(
        AnimationMedia(animation=animation, uploaded_by=team),
        _photo_file(),
        author=PHOTO["author"],
        caption=PHOTO["caption"],
        alt_text=PHOTO["alt_text"],
    )
    publish_journal_media(by=team, media=media, title=PHOTO["title"], alt_text=PHOTO["alt_text"])
