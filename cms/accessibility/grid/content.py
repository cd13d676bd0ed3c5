"""Themes 1 to 6 of the RGAA 4.1: images, frames, colours, multimedia, tables, links."""

from .base import AXE, NA, REVIEW, C, Criterion

CONTENT_CRITERIA = (
    # 1. Images
    Criterion(
        "1.1",
        "Chaque image porteuse d'information a-t-elle une alternative textuelle ?",
        C,
        "charts: tests/browser/test_alternatives.py; photos: tests/cms/test_media_alt.py; " + AXE,
    ),
    Criterion(
        "1.2",
        "Chaque image de décoration est-elle correctement ignorée par les technologies d'assistance ?",
        C,
        "decorative marks carry aria-hidden; " + AXE,
    ),
    Criterion(
        "1.3",
        "Pour chaque image porteuse d'information ayant une alternative textuelle, cette alternative est-elle pertinente (hors cas particuliers) ?",
        C,
        "alternatives generated from the data (progress.charts.chart_summary, coaching.charts.radar_summary), tests/progress/test_chart_summary.py; photo alternatives written by their author",
    ),
    Criterion(
        "1.4",
        "Pour chaque image utilisée comme CAPTCHA ou comme image-test, ayant une alternative textuelle, cette alternative permet-elle d'identifier la nature et la fonction de l'image ?",
        NA,
        "no CAPTCHA or test image",
    ),
    Criterion(
        "1.5",
        "Pour chaque image utilisée comme CAPTCHA, une solution d'accès alternatif au contenu ou à la fonction du CAPTCHA est-elle présente ?",
        NA,
        "no CAPTCHA",
    ),
    Criterion(
        "1.6",
        "Chaque image porteuse d'information a-t-elle, si nécessaire, une description détaillée ?",
        C,
        "each chart is followed by its data table (figure, caption): tests/browser/test_alternatives.py",
    ),
    Criterion(
        "1.7",
        "Pour chaque image porteuse d'information ayant une description détaillée, cette description est-elle pertinente ?",
        C,
        "the tables hold the charted values: tests/progress/ dashboard and report tests",
    ),
    Criterion(
        "1.8",
        "Chaque image texte porteuse d'information, en l'absence d'un mécanisme de remplacement, doit si possible être remplacée par du texte stylé. Cette règle est-elle respectée (hors cas particuliers) ?",
        C,
        REVIEW + " (no image of text; the brand is styled text)",
    ),
    Criterion(
        "1.9",
        "Chaque légende d'image est-elle, si nécessaire, correctement reliée à l'image correspondante ?",
        C,
        "figure + figcaption with aria-labelledby: tests/browser/test_alternatives.py",
    ),
    # 2. Cadres
    Criterion(
        "2.1",
        "Chaque cadre a-t-il un titre de cadre ?",
        NA,
        "no iframe or frame on the audited pages (videos are linked, not embedded)",
    ),
    Criterion(
        "2.2",
        "Pour chaque cadre ayant un titre de cadre, ce titre de cadre est-il pertinent ?",
        NA,
        "no iframe or frame",
    ),
    # 3. Couleurs
    Criterion(
        "3.1",
        "Dans chaque page web, l'information ne doit pas être donnée uniquement par la couleur. Cette règle est-elle respectée ?",
        C,
        "statuses and badges carry their text, the expected line of the charts is dashed; "
        + REVIEW,
    ),
    Criterion(
        "3.2",
        "Dans chaque page web, le contraste entre la couleur du texte et la couleur de son arrière-plan est-il suffisamment élevé (hors cas particuliers) ?",
        C,
        "axe color-contrast on every audited page, tests/browser/",
    ),
    Criterion(
        "3.3",
        "Dans chaque page web, les couleurs utilisées dans les composants d'interface ou les éléments graphiques porteurs d'informations sont-elles suffisamment contrastées (hors cas particuliers) ?",
        C,
        "focus ring, field borders and chart lines ≥ 3:1, measured on static/css/trajectoires.css colours; "
        + REVIEW,
    ),
    # 4. Multimédia
    Criterion(
        "4.1",
        "Chaque média temporel pré-enregistré a-t-il, si nécessaire, une transcription textuelle ou une audiodescription (hors cas particuliers) ?",
        C,
        "a video is published only with its captions and an audio-described version or the "
        "publisher's declaration that its sound track describes all; the transcript is kept and "
        "shown: tests/cms/test_media_alt.py, tests/browser/test_media_publication.py",
    ),
    Criterion(
        "4.2",
        "Pour chaque média temporel pré-enregistré ayant une transcription textuelle ou une audiodescription synchronisée, celles-ci sont-elles pertinentes (hors cas particuliers) ?",
        C,
        "transcripts and audio-described versions are attached by the editor who publishes "
        "(publication preview shows them)",
    ),
    Criterion(
        "4.3",
        "Chaque média temporel synchronisé pré-enregistré a-t-il, si nécessaire, des sous-titres synchronisés (hors cas particuliers) ?",
        C,
        "a video is refused without a validated WebVTT file (a transcript alone is refused); "
        "the public page hides a video item without captions: "
        "tests/cms/test_media_alt.py::test_a_video_with_only_a_transcript_is_refused_without_captions, "
        "::test_a_video_item_without_captions_or_decision_is_not_shown",
    ),
    Criterion(
        "4.4",
        "Pour chaque média temporel synchronisé pré-enregistré ayant des sous-titres synchronisés, ces sous-titres sont-ils pertinents ?",
        C,
        "WebVTT validated on upload (core.uploads), read by the publishing editor",
    ),
    Criterion(
        "4.5",
        "Chaque média temporel pré-enregistré a-t-il, si nécessaire, une audiodescription synchronisée (hors cas particuliers) ?",
        C,
        "a video is refused unless an audio-described version (a checked video upload, linked "
        "beside it on the public page) or the declaration « pas d'audiodescription nécessaire » "
        "(who, when, stored on the item) comes with it: tests/cms/test_media_alt.py::"
        "test_a_video_is_refused_without_a_decision_on_audio_description, "
        "::test_a_video_with_captions_and_the_declaration_is_published_with_who_declared_and_when, "
        "::test_captions_uploaded_at_publication_and_an_audio_described_version_are_published",
    ),
    Criterion(
        "4.6",
        "Pour chaque média temporel pré-enregistré ayant une audiodescription synchronisée, celle-ci est-elle pertinente ?",
        C,
        "the audio-described version is attached by the editor who publishes, who answers for it; "
        "its file is checked as a video: tests/cms/test_media_alt.py",
    ),
    Criterion(
        "4.7",
        "Chaque média temporel est-il clairement identifiable (hors cas particuliers) ?",
        C,
        "each video is named by its title and a link « Voir la vidéo » beside its transcript: tests/cms/test_media_library.py",
    ),
    Criterion(
        "4.8",
        "Chaque média non temporel a-t-il, si nécessaire, une alternative (hors cas particuliers) ?",
        C,
        "the trust-circle maps have their table and list: tests/browser/test_map_keyboard.py",
    ),
    Criterion(
        "4.9",
        "Pour chaque média non temporel ayant une alternative, cette alternative est-elle pertinente ?",
        C,
        "the table lists every entry the map shows: tests/maps/",
    ),
    Criterion(
        "4.10",
        "Chaque son déclenché automatiquement est-il contrôlable par l'utilisateur ?",
        NA,
        "no sound plays by itself",
    ),
    Criterion(
        "4.11",
        "La consultation de chaque média temporel est-elle, si nécessaire, contrôlable par le clavier et tout dispositif de pointage ?",
        C,
        "videos open in the browser's own player (native controls)",
    ),
    Criterion(
        "4.12",
        "La consultation de chaque média non temporel est-elle contrôlable par le clavier et tout dispositif de pointage ?",
        C,
        "map with Enter/Space/Escape and French controls: tests/browser/test_map_keyboard.py",
    ),
    Criterion(
        "4.13",
        "Chaque média temporel et non temporel est-il compatible avec les technologies d'assistance (hors cas particuliers) ?",
        C,
        "map markers named buttons, popups dialogs: tests/browser/test_map_keyboard.py; " + AXE,
    ),
    # 5. Tableaux
    Criterion(
        "5.1",
        "Chaque tableau de données complexe a-t-il un résumé ?",
        C,
        "the maturity table (levels per criterion and phase) is summed up by its caption; "
        + REVIEW,
    ),
    Criterion(
        "5.2",
        "Pour chaque tableau de données complexe ayant un résumé, celui-ci est-il pertinent ?",
        C,
        REVIEW,
    ),
    Criterion(
        "5.3",
        "Pour chaque tableau de mise en forme, le contenu linéarisé reste-t-il compréhensible ?",
        NA,
        "no layout table",
    ),
    Criterion(
        "5.4",
        "Pour chaque tableau de données ayant un titre, le titre est-il correctement associé au tableau de données ?",
        C,
        "<caption> in every data table; " + AXE,
    ),
    Criterion(
        "5.5",
        "Pour chaque tableau de données ayant un titre, celui-ci est-il pertinent ?",
        C,
        REVIEW,
    ),
    Criterion(
        "5.6",
        "Pour chaque tableau de données, chaque en-tête de colonne et chaque en-tête de ligne sont-ils correctement déclarés ?",
        C,
        "every <th> has a scope (tests/core/test_template_tables.py scans the templates); PDFs carry /Scope: tests/core/test_pdf_scopes.py",
    ),
    Criterion(
        "5.7",
        "Pour chaque tableau de données, la technique appropriée permettant d'associer chaque cellule avec ses en-têtes est-elle utilisée (hors cas particuliers) ?",
        C,
        "scope on simple tables; tagged PDF /Headers and /Scope: tests/core/test_pdf_scopes.py",
    ),
    Criterion(
        "5.8",
        "Chaque tableau de mise en forme ne doit pas utiliser d'éléments propres aux tableaux de données. Cette règle est-elle respectée ?",
        NA,
        "no layout table",
    ),
    # 6. Liens
    Criterion(
        "6.1",
        "Chaque lien est-il explicite ?",
        C,
        "licence links name their licence and warn of a new window in their text: tests/browser/test_site_navigation.py; "
        + AXE,
    ),
    Criterion(
        "6.2", "Dans chaque page web, chaque lien a-t-il un intitulé ?", C, AXE + " (link-name)"
    ),
)
