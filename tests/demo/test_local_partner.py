"""The demo shows a local co-organiser: an association of Made in la Boate's trust
circles, added on the spot, makes an animation multi-partner."""

from coaching.models import Animation
from maps.models import TrustCircleEntry
from organisations.models import Organisation


def test_a_neighbourhood_association_co_organises_and_the_animation_counts(demo):
    panier = Organisation.objects.get(name="Association des créateurs du Panier")
    assert panier.local_to.slug == "made-in-la-boate"
    assert TrustCircleEntry.objects.get(name=panier.name).organisation == panier
    animation = Animation.objects.with_counting().get(
        title="Soirée coworkers et associations du quartier"
    )
    assert panier in animation.co_organisers.all()
    assert animation.counts_toward_target

    from demo.loader import load_demo_data

    load_demo_data()  # found by name when loaded again
    assert Organisation.objects.filter(name_key=panier.name_key).count() == 1
