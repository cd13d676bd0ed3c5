"""The shared documents' demo (ADR 0025): a few French files in the programme's space and
in Made in la Boate's, one of them with two versions. Plain text only, so that loading
the demo needs neither WeasyPrint nor poppler; idempotent like the rest of the demo."""

from django.core.files.uploadedfile import SimpleUploadedFile

from collab.documents.models import Document, Folder
from collab.documents.services import document_create, document_version_add, folder_create
from collab.enums import SpaceKind
from collab.models import Space

CHARTER = """# Charte de la plateforme collaborative

- Ce que nous écrivons ici est sous licence CC BY-SA 4.0, sauf mention contraire.
- Chaque ERIC documente son animation du mois dans son espace, puis la propose à la
  base de connaissance « code source ».
- On cite les personnes et les partenaires ; on ne met aucune donnée personnelle
  d'usager sans son accord.
"""

ANSWERS_V1 = """Synthèse des réponses des coworkers (première vague, 14 réponses)
- Pourquoi venir : le calme, la connexion, rencontrer d'autres indépendants.
- Ce qui manque : une salle de réunion réservable, un atelier de réparation.
"""

ANSWERS_V2 = (
    ANSWERS_V1
    + """
Deuxième vague (9 réponses de plus) :
- La mutualisation d'une imprimante 3D revient quatre fois.
"""
)


def _folder(space, name, by):
    existing = Folder.objects.filter(space=space, parent=None, name=name).first()
    return existing or folder_create(by=by, space=space, name=name)


def load_demo_documents(programme, users) -> None:
    if not {"coach", "boate"} <= set(users):
        return
    programme_space = Space.objects.filter(programme=programme, kind=SpaceKind.PROGRAMME).first()
    boate_space = Space.objects.filter(
        programme=programme, kind=SpaceKind.ERIC, accompaniment__eric__slug="made-in-la-boate"
    ).first()
    if programme_space is not None and not Document.objects.filter(space=programme_space).exists():
        document_create(
            by=users["coach"],
            space=programme_space,
            folder=_folder(programme_space, "Charte et modèles", users["coach"]),
            upload=SimpleUploadedFile("charte-plateforme.md", CHARTER.encode()),
            title="Charte de la plateforme collaborative",
            description="Les règles communes des espaces : licence, documentation, données.",
            comment="Première version",
        )
    if boate_space is not None and not Document.objects.filter(space=boate_space).exists():
        document = document_create(
            by=users["boate"],
            space=boate_space,
            folder=_folder(boate_space, "Enquête coworkers", users["boate"]),
            upload=SimpleUploadedFile("synthese-reponses.txt", ANSWERS_V1.encode()),
            title="Synthèse des réponses des coworkers",
            description="Ce que disent les coworkers du lieu, vague après vague.",
            comment="Première vague",
        )
        document_version_add(
            by=users["coach"],
            document=document,
            upload=SimpleUploadedFile("synthese-reponses.txt", ANSWERS_V2.encode()),
            comment="Deuxième vague ajoutée",
        )
