"""Pure resolution: an ``ImageFilter``/``ImageQuery`` and a catalog in, images or a typed error out.

No I/O and no SDK here. ``resolve`` never returns a wrong or arbitrary image: it returns the one
match, the ``highest_version`` match when asked to, or raises ``ImageNotFoundError`` (nearest
names and why each was excluded) or ``AmbiguousImageError`` (the candidates and how to narrow).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from pulumi_tione._echo import clip, echo
from pulumi_tione._spelling import argument
from pulumi_tione.errors import AmbiguousImageError, ImageNotFoundError

from .models import ImageFilter, ImageQuery, PlatformImageInfo
from .pattern import REGEX_BUDGET_S, matching_names, search

if TYPE_CHECKING:
    from packaging.version import Version

__all__ = [
    "blame", "excluded_by", "filter_images", "hints", "mismatches", "natural_key", "pick", "resolve",
    "version_key",
]

_MAX_LISTED = 5
_MAX_NAME = 256

Check = Callable[[ImageFilter, PlatformImageInfo], str | None]


def _fmt_list(values: Sequence[str] | None) -> str:
    return "[" + ", ".join(values or []) + "]"


def _check_name(q: ImageFilter, img: PlatformImageInfo) -> str | None:
    if q.name is None or img.image_name == q.name:
        return None
    return f"its ImageName is {img.image_name!r}, not {echo(q.name)}"


def _check_id(q: ImageFilter, img: PlatformImageInfo) -> str | None:
    if q.image_id is None or img.image_id == q.image_id:
        return None
    return f"its ImageId is {img.image_id}, not {clip(q.image_id)}"


def _check_regex(q: ImageFilter, img: PlatformImageInfo) -> str | None:
    if q.name_regex is None or search(q.name_regex, img.image_name or ""):
        return None
    return f"its ImageName does not match {argument('name_regex', q.name_regex)}"


def _check_range(q: ImageFilter, img: PlatformImageInfo) -> str | None:
    if q.image_range is None or q.image_range in (img.image_range or []):
        return None
    return f"its ImageRange is {_fmt_list(img.image_range)}, not {q.image_range}"


def _check_framework(q: ImageFilter, img: PlatformImageInfo) -> str | None:
    if q.framework is None or (img.framework or "").lower() == q.framework.lower():
        return None
    return f"its Framework is {img.framework}, not {clip(q.framework)}"


def _check_version(q: ImageFilter, img: PlatformImageInfo) -> str | None:
    wanted = q.framework_version
    if wanted is None:
        return None
    spec = q.version_specifier
    have = img.framework_version
    if spec is None:
        return None if have == wanted else f"its FrameworkVersion is {have}, not {clip(wanted)}"
    from packaging.version import InvalidVersion, Version

    try:
        if have is not None and Version(have) in spec:
            return None
    except InvalidVersion:
        return f"its FrameworkVersion {have!r} is not a PEP 440 version, so it cannot satisfy {echo(wanted)}"
    return f"its FrameworkVersion {have} does not satisfy {echo(wanted)}"


def _check_gpu(q: ImageFilter, img: PlatformImageInfo) -> str | None:
    if q.gpu is None or q.gpu in (img.support_gpu_list or []):
        return None
    return f"its SupportGpuList is {_fmt_list(img.support_gpu_list)}, without {clip(q.gpu)}"


def _flag_check(argument: str, key: str) -> Check:
    def check(q: ImageFilter, img: PlatformImageInfo) -> str | None:
        wanted: bool | None = getattr(q, argument)
        if wanted is None:
            return None
        have = img.flag(key)
        if have == wanted:
            return None
        return f"its {key} is {str(have).lower()}, not {str(wanted).lower()}"

    return check


def _check_training_mode(q: ImageFilter, img: PlatformImageInfo) -> str | None:
    if q.training_mode is None:
        return None
    modes = img.attribute_list("TrainingModes")
    if q.training_mode in modes:
        return None
    return f"its TrainingModes are {_fmt_list(modes)}, without {clip(q.training_mode)}"


def _check_distributed(q: ImageFilter, img: PlatformImageInfo) -> str | None:
    wanted = q.support_distributed_deploy
    have = bool(img.support_distributed_deploy)
    if wanted is None or have == wanted:
        return None
    return f"its SupportDistributedDeploy is {str(have).lower()}, not {str(wanted).lower()}"


_CHECKS: tuple[tuple[str, Check], ...] = (
    ("image_id", _check_id),
    ("name", _check_name),
    ("name_regex", _check_regex),
    ("image_range", _check_range),
    ("framework", _check_framework),
    ("framework_version", _check_version),
    ("gpu", _check_gpu),
    ("support_data_pipeline", _flag_check("support_data_pipeline", "SupportDataPipeline")),
    ("allow_save_all_content", _flag_check("allow_save_all_content", "AllowSaveAllContent")),
    ("training_mode", _check_training_mode),
    ("support_distributed_deploy", _check_distributed),
)
_IDENTITY = ("image_id", "name", "name_regex")


def mismatches(query: ImageFilter, image: PlatformImageInfo) -> list[str]:
    """Every reason ``image`` fails ``query``; empty when it matches."""
    return [reason for _, check in _CHECKS if (reason := check(query, image)) is not None]


def excluded_by(query: ImageFilter, image: PlatformImageInfo) -> list[str]:
    """The arguments of ``query`` that ``image`` fails, in argument order."""
    return [argument for argument, check in _CHECKS if check(query, image) is not None]


def blame(query: ImageFilter, images: Sequence[PlatformImageInfo]) -> str | None:
    """The one argument that excluded the image(s) a query with no match was after, or None.

    The identity criteria (``image_id``, ``name``, ``name_regex``) say which images the query is
    after. When no image satisfies them, the blame goes to the identity argument that no image
    satisfies on its own (if exactly one). When some do, it goes to the argument that excluded
    those that fail a single criterion, if they all fail the same one (``name=<an image>,
    gpu="H100"`` blames ``gpu``). Otherwise (several arguments each excluded something, or every
    candidate fails several) the failure belongs to the query as a whole: None.
    """
    identity = {a: c for a, c in _CHECKS if a in _IDENTITY and getattr(query, a) is not None}
    pool = [img for img in images if all(c(query, img) is None for c in identity.values())]
    if not pool:
        alone = [a for a, c in identity.items() if not any(c(query, img) is None for img in images)]
        return alone[0] if len(alone) == 1 else None
    single = {reasons[0] for img in pool if len(reasons := excluded_by(query, img)) == 1}
    return single.pop() if len(single) == 1 else None


def filter_images(query: ImageFilter, images: Sequence[PlatformImageInfo], *,
                  regex_budget: float = REGEX_BUDGET_S) -> list[PlatformImageInfo]:
    """The images that satisfy every criterion of ``query``, in catalog order.

    A ``name_regex`` that needs more than ``regex_budget`` seconds for the whole catalog raises
    InvalidQueryError (see ``pattern``).
    """
    candidates: Sequence[PlatformImageInfo] = images
    if query.image_id is not None:
        candidates = [img for img in candidates if img.image_id == query.image_id]
    if query.name is not None:
        candidates = [img for img in candidates if img.image_name == query.name]
    if query.name_regex is not None:
        names = matching_names(query.name_regex, (img.image_name or "" for img in candidates),
                               budget=regex_budget)
        candidates = [img for img in candidates if (img.image_name or "") in names]
    return [img for img in candidates if not mismatches(query, img)]


def natural_key(name: str | None) -> tuple[tuple[int, int | str], ...]:
    """A sort key that orders digit runs numerically ("py3.10" after "py3.9")."""
    parts = re.split(r"(\d+)", name or "")
    # isdecimal, not isdigit: "²" is a digit that int() rejects, and \d never matches it
    return tuple((1, int(p)) if p.isdecimal() else (0, p) for p in parts if p)


VersionKey = tuple[int, "Version", tuple[tuple[int, int | str], ...], str]


def version_key(image: PlatformImageInfo) -> VersionKey:
    """Ordering for ``highest_version``: parseable FrameworkVersion, natural then plain ImageName."""
    from packaging.version import InvalidVersion, Version

    name = image.image_name or ""
    try:
        return (1, Version(image.framework_version or ""), natural_key(name), name)
    except InvalidVersion:
        return (0, Version("0"), natural_key(name), name)


def resolve(query: ImageQuery, images: Sequence[PlatformImageInfo]) -> PlatformImageInfo:
    """The single image ``query`` selects from ``images``, or a typed, explanatory error."""
    return pick(query, filter_images(query, images), images)


def pick(query: ImageQuery, matches: Sequence[PlatformImageInfo],
         images: Sequence[PlatformImageInfo]) -> PlatformImageInfo:
    """``resolve`` once ``matches`` (``filter_images(query, images)``, however narrowed) is known:
    the one match, the ``select``-ed one, or the error (a miss is explained against ``images``)."""
    if not matches:
        raise ImageNotFoundError(_not_found_message(query, images), argument=blame(query, images))
    if len(matches) == 1:
        return matches[0]
    if query.select == "highest_version":
        first, second = sorted(matches, key=version_key, reverse=True)[:2]
        if version_key(first) != version_key(second):
            return first
        tied = [img for img in matches if version_key(img) == version_key(first)]
        raise AmbiguousImageError(_ambiguous_message(query, tied, tie=True))
    raise AmbiguousImageError(_ambiguous_message(query, matches))


def _describe(img: PlatformImageInfo) -> str:
    return f"{img.image_name} ({img.image_id}, {img.framework} {img.framework_version})"


def _nearest(query: ImageQuery, images: Sequence[PlatformImageInfo]) -> list[PlatformImageInfo]:
    """Images worth showing in a not-found message: close names first, then near misses."""
    by_name = {img.image_name: img for img in images if img.image_name}
    wanted = query.name or query.name_regex
    picked: list[PlatformImageInfo] = []
    if query.image_id is not None:
        picked += [img for img in images if img.image_id == query.image_id]
    if wanted and len(wanted) <= _MAX_NAME:
        import difflib  # only a not-found message needs it

        close = difflib.get_close_matches(wanted, list(by_name), n=_MAX_LISTED, cutoff=0.6)
        picked += [by_name[n] for n in close]
    picked += [img for img in images if _near_miss(query, img)]
    unique = list({img.image_id: img for img in picked}.values())
    return unique[:_MAX_LISTED]


def _near_miss(query: ImageQuery, img: PlatformImageInfo) -> bool:
    """Fails exactly one criterion, and not the identity one (an unrelated name or id is no hint)."""
    reasons = mismatches(query, img)
    identity = (_check_id(query, img), _check_name(query, img), _check_regex(query, img))
    return len(reasons) == 1 and reasons[0] not in identity


def _not_found_message(query: ImageQuery, images: Sequence[PlatformImageInfo]) -> str:
    lines = [f"no TI-ONE platform image matches {query.describe()} "
             f"(searched {len(images)} images)."]
    nearest = _nearest(query, images)
    if nearest:
        lines.append("Nearest images and why they were excluded:")
        lines += [f"  - {img.image_name} ({img.image_id}): {_why_excluded(query, img)}" for img in nearest]
    lines += hints(query, images)
    lines.append(
        "Check the spelling and criteria, or list what exists with "
        "`tione-images list` (add --name-regex/--framework/--image-range to narrow)."
    )
    return "\n".join(lines)


_EXACT_VALUES: dict[str, Callable[[PlatformImageInfo], Iterable[str]]] = {
    "image_id": lambda img: (img.image_id,),
    "name": lambda img: (img.image_name,) if img.image_name else (),
    "framework_version": lambda img: (img.framework_version,) if img.framework_version else (),
    "gpu": lambda img: img.support_gpu_list or (),
    "training_mode": lambda img: img.attribute_list("TrainingModes"),
}
"""The criteria compared exactly, case included, and the catalog values each is compared with
(``image_range`` and ``framework`` ignore case; ``name_regex`` is a pattern: ``(?i)`` is its way)."""


def hints(query: ImageFilter, images: Sequence[PlatformImageInfo] = ()) -> list[str]:
    """What the user probably meant when a query matches nothing: ``==2.*`` for ``2.*``, and, for
    every exact criterion whose value is in ``images`` only in another case, that value
    (``gpu='a100'``: did you mean ``gpu='A100'``?)."""
    found = []
    fv = query.framework_version
    if fv is not None and query.version_specifier is None and "*" in fv:
        found.append(f"Note: {argument('framework_version', fv)} is compared exactly, as a literal "
                     f"FrameworkVersion; for a wildcard write the PEP 440 specifier "
                     f"{argument('framework_version', '==' + fv)}.")
    for name, values_of in _EXACT_VALUES.items():
        wanted = getattr(query, name)
        if wanted is None or (name == "framework_version" and query.version_specifier is not None):
            continue
        seen = {value for img in images for value in values_of(img)}
        if wanted in seen:
            continue
        other = sorted(v for v in seen if isinstance(v, str) and v.casefold() == wanted.casefold())
        if other:
            meant = " or ".join(argument(name, value) for value in other[:_MAX_LISTED])
            found.append(f"Note: {argument(name, wanted)} is compared exactly, and case matters (only "
                         f"{argument('image_range')} and {argument('framework')} ignore it): did you mean "
                         f"{meant}?")
    return found


def _why_excluded(query: ImageQuery, img: PlatformImageInfo) -> str:
    reasons = mismatches(query, img)
    if query.name is None or img.image_name == query.name:
        return "exists, but " + "; ".join(reasons)
    others = [r for r in reasons if r != _check_name(query, img)]
    return "similar name" + (f"; also {'; '.join(others)}" if others else "")


def _ambiguous_message(query: ImageQuery, matches: Sequence[PlatformImageInfo], *, tie: bool = False) -> str:
    ordered = sorted(matches, key=version_key, reverse=True)
    if tie:
        lines = [f"{len(matches)} TI-ONE platform images match {query.describe()} with the same "
                 "FrameworkVersion and ImageName, so highest_version cannot choose:"]
    else:
        lines = [f"{len(matches)} TI-ONE platform images match {query.describe()}; "
                 "expected exactly one:"]
    lines += [f"  - {_describe(img)}" for img in ordered[: _MAX_LISTED * 2]]
    if len(ordered) > _MAX_LISTED * 2:
        lines.append(f"  ... and {len(ordered) - _MAX_LISTED * 2} more")
    narrow = ", ".join(argument(n) for n in ("name", "image_id", "framework_version", "gpu", "image_range"))
    lines.append(
        f"Pick one by {argument('image_id')}." if tie else
        f"Narrow the query ({narrow}, ...) or pass {argument('select', 'highest_version')} to take the "
        "highest FrameworkVersion."
    )
    return "\n".join(lines)
