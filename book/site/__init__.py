"""The book's build as steps that know nothing of the site generator.

:class:`~book.site.build.Build` is one build of one language: its context (where the docs,
the site and the caches are; what earlier steps found) and its steps, in the order they run.
The steps are functions of plain data in the modules beside it:

- :mod:`book.site.nav`: the navigation, a list of ``{title: page}`` entries (the exercise
  index, the notebooks, the Korean edition's entries);
- :mod:`book.site.markdown`: a page's Markdown before it is rendered (Markdown → Markdown);
- :mod:`book.site.content`: a page's rendered body (HTML → HTML);
- :mod:`book.site.postbuild`: the built site, rewritten once both languages are written
  (site → site: formulas, code, widget labels, asset links, minified text, the print page, the
  notebook pages' CSS, the search index and the math font);
- :mod:`book.site.logs`: which generator messages are expected or only chatty.

``hooks/adapter.py`` is the only code that knows MkDocs: it makes a ``Build`` when MkDocs
configures a build and calls its steps from MkDocs' events.
"""

from book.site.build import Build, BuildError

__all__ = ["Build", "BuildError"]
