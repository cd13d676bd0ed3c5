"""The public site's demo home page, made once and left alone afterwards."""

from wagtail.models import Page, Site

from .models import HomePage

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
