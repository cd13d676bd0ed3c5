"""The maturity grid's forms: the team's self-assessment and the resource person's review.

A draft may leave criteria unanswered; submitting needs all six. A level posted by hand
outside 0–4 gets a French error, and nothing is saved (the view writes nothing unless
the whole form is valid).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.dates import long_date
from core.forms import EditConflictMixin, ServiceErrorsMixin

from ..enums import MATURITY_DESCRIPTORS, MATURITY_QUESTIONS, MaturityCriterion, MaturityLevel
from ..models.maturity import OPENING_REASON_MAX_LENGTH

COMMENT_MAX_LENGTH = 2000


def level_field_name(criterion: str) -> str:
    return "level_%s" % criterion


def comment_field_name(criterion: str) -> str:
    return "comment_%s" % criterion


def assessment_values(assessment) -> dict:
    """The grid's answers as its form shows them: a level and a comment per criterion."""
    return {
        key: value
        for score in assessment.scores.all()
        for key, value in (
            (level_field_name(score.criterion), score.level),
            (comment_field_name(score.criterion), score.comment),
        )
    }


class MaturityAssessmentForm(EditConflictMixin, ServiceErrorsMixin, forms.Form):
    """One fieldset per criterion: five radio buttons (their labels say what each level
    means for that criterion) and a comment. ``action=submit`` also submits."""

    SAVE = "draft"
    SUBMIT = "submit"

    def __init__(self, *args, assessment=None, **kwargs):
        if assessment is not None and "initial" not in kwargs:
            kwargs["initial"] = assessment_values(assessment)
        super().__init__(*args, **kwargs)
        for criterion in MaturityCriterion:
            descriptors = MATURITY_DESCRIPTORS[criterion]
            self.fields[level_field_name(criterion)] = forms.TypedChoiceField(
                label=criterion.label.capitalize(),
                choices=[(level.value, descriptors[level.value]) for level in MaturityLevel],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _("Choisissez un niveau entre 0 et 4."),
                },
            )
            self.fields[comment_field_name(criterion)] = forms.CharField(
                label=_("Commentaire sur « %(criterion)s » (facultatif)")
                % {"criterion": criterion.label},
                required=False,
                max_length=COMMENT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @property
    def submitting(self) -> bool:
        return self.is_bound and self.data.get("action") == self.SUBMIT

    def clean(self):
        cleaned = super().clean()
        for criterion in MaturityCriterion:
            name = level_field_name(criterion)
            if name in self.errors or cleaned.get(name) is not None:
                continue
            if self.submitting:
                self.add_error(
                    name,
                    _(
                        "Choisissez un niveau : les six critères sont notés avant la "
                        "soumission (un brouillon peut rester incomplet)."
                    ),
                )
            elif cleaned.get(comment_field_name(criterion), "").strip():
                self.add_error(name, _("Choisissez un niveau pour garder votre commentaire."))
        return cleaned

    def levels(self) -> dict:
        return {c: self.cleaned_data.get(level_field_name(c)) for c in MaturityCriterion.values}

    def comments(self) -> dict:
        return {
            c: self.cleaned_data.get(comment_field_name(c), "") for c in MaturityCriterion.values
        }

    def criteria(self) -> list[dict]:
        """What the template lays out, criterion by criterion."""
        rows = []
        for criterion in MaturityCriterion:
            level = self[level_field_name(criterion)]
            options = [
                {"widget": widget, "level": MaturityLevel(int(widget.data["value"]))}
                for widget in level.subwidgets
            ]
            rows.append(
                {
                    "criterion": criterion,
                    "anchor": "critere-%s" % criterion.value.replace("_", "-"),
                    "question": MATURITY_QUESTIONS[criterion],
                    "level": level,
                    "options": options,
                    "comment": self[comment_field_name(criterion)],
                }
            )
        return rows


class MaturityReviewForm(ServiceErrorsMixin, forms.Form):
    """The resource person's decision on a submitted grid, with a comment for the team."""

    VALIDATE = "validate"
    SEND_BACK = "send_back"

    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[(VALIDATE, _("Valider")), (SEND_BACK, _("Renvoyer à l'équipe"))],
        error_messages={"required": _("Choisissez de valider ou de renvoyer la grille.")},
    )
    review_comment = forms.CharField(
        label=_("Commentaire pour l'équipe"),
        help_text=_("Facultatif pour valider ; nécessaire pour renvoyer la grille à l'équipe."),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") == self.SEND_BACK
            and not cleaned.get("review_comment", "").strip()
        ):
            self.add_error(
                "review_comment",
                _("Dites à l'équipe ce qu'elle doit revoir avant de lui renvoyer la grille."),
            )
        return cleaned


class MaturityOpeningForm(ServiceErrorsMixin, forms.Form):
    """The resource person opens a phase before its window: which one, and why."""

    phase = forms.ChoiceField(
        label=_("Grille à ouvrir"),
        error_messages={
            "required": _("Choisissez la grille à ouvrir."),
            "invalid_choice": _("Cette grille ne peut pas être ouverte maintenant."),
        },
    )
    reason = forms.CharField(
        label=_("Pourquoi l'ouvrir maintenant ?"),
        help_text=_(
            "L'équipe et la Région liront cette raison avec la grille (une équipe prête "
            "en avance, un démarrage décalé, un diagnostic à refaire…)."
        ),
        max_length=OPENING_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Dites pourquoi vous ouvrez la grille avant son calendrier."),
            "max_length": _("La raison tient en %(limit_value)d caractères au plus."),
        },
    )

    def __init__(self, *args, windows, **kwargs):
        """``windows``: the phases that may be opened now (closed, not started)."""
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [("", _("— choisissez la grille —"))] + [
            (
                window.phase,
                _("« %(phase)s » (prévue à partir du %(date)s)")
                % {"phase": window.label, "date": long_date(window.starts_on)},
            )
            for window in windows
        ]
