"""A person is greeted by their given name, as Vietnamese do: "Chào anh/chị Hùng"."""

from __future__ import annotations

from bot.folding import fold

# The common Vietnamese family names, folded; they cover nearly everyone. "Văn" is left out:
# far more often a middle name ("Nguyễn Văn Hùng") than a family name.
_FAMILY = """nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh dao
doan trinh mai truong lam ha phung luong ta to cao chau chu quach thai tang kieu luu than trieu
nghiem hua la khong lai ton tu lu giang khuc thach"""
FAMILY_NAMES = frozenset(_FAMILY.split())


def given_name(full_name: str) -> str:
    """ "Nguyễn Văn Hùng" → "Hùng". Telegram gives first and last name either way round
    ("Hùng" + "Nguyễn Văn" arrives as "Hùng Nguyễn Văn"): the given name is the word just
    before the family name, or the last word when the family name comes first. A name with
    no known family name is taken in Vietnamese order when it has Vietnamese letters, in
    Western order otherwise ("John Smith" → "John")."""
    words = [word for word in full_name.split() if word.isalpha()]
    if not words:
        return full_name.strip()
    family = [at for at, word in enumerate(words) if fold(word) in FAMILY_NAMES]
    if family and family[0] == 0:
        return words[-1]
    if family:
        return words[family[0] - 1]
    vietnamese = fold(full_name) != full_name.casefold()
    return words[-1] if vietnamese else words[0]
