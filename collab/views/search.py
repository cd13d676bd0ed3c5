from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..forms import SearchForm
from ..search import search, uses_full_text


@login_required
def search_view(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results = search(request.user, query) if query else []
    return render(
        request,
        "collab/search.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "full_text": uses_full_text(),
        },
    )
