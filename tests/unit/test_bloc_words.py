"""What a bloc calls itself and its province, and who signs for each unit: from the bloc's
file when it says so, else from the bloc's name and the list of centrally run cities."""

from __future__ import annotations

from typing import Any

import pytest

from domain.bloc_spec import parse_bloc_spec
from domain.errors import InvalidBlocSpec
from domain.model import Bloc, BlocWord, ProvinceKind
from domain.services.importer import import_bloc
from imports.yaml_source import read_yaml
from tests.samples import CROSS_YAML, CUM_1000_YAML, SAMPLE_YAML
from tests.unit.fakes import FakeClock, FakeUnitOfWork


@pytest.mark.parametrize(
    ("province", "kind", "label", "committee"),
    [
        ("Trà Vinh", ProvinceKind.PROVINCE, "tỉnh Trà Vinh", "UBND tỉnh"),
        ("Cần Thơ", ProvinceKind.CITY, "thành phố Cần Thơ", "UBND thành phố"),
        ("Huế", ProvinceKind.CITY, "thành phố Huế", "UBND thành phố"),
        ("TP. Hồ Chí Minh", ProvinceKind.CITY, "thành phố Hồ Chí Minh", "UBND thành phố"),
        # The word a file puts before the name decides nothing: Hà Nội is a city.
        ("tỉnh Hà Nội", ProvinceKind.CITY, "thành phố Hà Nội", "UBND thành phố"),
        ("Thành phố Vĩnh Long", ProvinceKind.PROVINCE, "tỉnh Vĩnh Long", "UBND tỉnh"),
    ],
)
def test_the_province_kind_comes_from_the_list_of_central_cities(
    province: str, kind: ProvinceKind, label: str, committee: str
) -> None:
    bloc = Bloc("b", "Khối 1", province)
    assert (bloc.province_kind, bloc.province_label, bloc.people_committee) == (
        kind, label, committee,
    )  # fmt: skip
    assert bloc.superior == f"UBND {label}"


def test_what_the_bloc_says_wins_over_the_defaults() -> None:
    bloc = Bloc(
        "b", "Khối thi đua các huyện", "Trà Vinh", None, ProvinceKind.CITY, BlocWord.CUM,
        "Hội đồng Thi đua - Khen thưởng tỉnh Trà Vinh",
    )  # fmt: skip
    assert (bloc.province_kind, bloc.kind_word) == (ProvinceKind.CITY, BlocWord.CUM)
    assert bloc.superior == "Hội đồng Thi đua - Khen thưởng tỉnh Trà Vinh"


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("Cụm thi đua số 3", BlocWord.CUM),
        ("cụm các huyện phía Nam", BlocWord.CUM),
        ("Khối thi đua Khối 7", BlocWord.KHOI),
        ("Các cơ quan Đảng", BlocWord.KHOI),
    ],
)
def test_the_bloc_word_defaults_from_the_name(name: str, word: BlocWord) -> None:
    assert Bloc("b", name, "Trà Vinh").kind_word is word


def raw(**bloc: object) -> dict[str, Any]:
    data, _ = read_yaml(SAMPLE_YAML)
    data["bloc"].update(bloc)
    return data


def test_the_sample_files_say_what_they_are() -> None:
    for path, kind, word in (
        (SAMPLE_YAML, ProvinceKind.PROVINCE, BlocWord.KHOI),
        (CUM_1000_YAML, ProvinceKind.CITY, BlocWord.CUM),
        (CROSS_YAML, ProvinceKind.PROVINCE, BlocWord.KHOI),
    ):
        data, where = read_yaml(path)
        spec = parse_bloc_spec(data, where)
        assert (spec.province_kind, spec.kind_word) == (kind, word)
        assert spec.superior.startswith("UBND ")
        assert all(unit.head_name and unit.head_position for unit in spec.units)


def test_the_words_are_read_with_or_without_diacritics() -> None:
    spec = parse_bloc_spec(raw(province_kind="Thanh pho", kind_word="CUM", superior=None))
    assert (spec.province_kind, spec.kind_word, spec.superior) == (
        ProvinceKind.CITY, BlocWord.CUM, "",
    )  # fmt: skip


def test_an_unknown_word_names_the_choices() -> None:
    with pytest.raises(InvalidBlocSpec) as caught:
        parse_bloc_spec(raw(province_kind="huyện", kind_word="nhóm"))
    found = {(p.where, p.code, dict(p.values)["choices"]) for p in caught.value.problems}
    assert found == {
        ("bloc.province_kind", "bad-choice", "tỉnh, thành phố"),
        ("bloc.kind_word", "bad-choice", "khối, cụm"),
    }


async def test_the_import_stores_them_and_a_second_import_changes_nothing() -> None:
    uow = FakeUnitOfWork()
    data, where = read_yaml(CUM_1000_YAML)
    spec = parse_bloc_spec(data, where)
    first = await import_bloc(uow, spec, FakeClock().now())
    again = await import_bloc(uow, spec, FakeClock().now())
    assert first.changed and not again.changed
    bloc = await uow.blocs.by_code("cum3-cantho")
    assert bloc is not None and bloc.id is not None
    assert (bloc.province_type, bloc.bloc_word) == (ProvinceKind.CITY, BlocWord.CUM)
    assert bloc.superior == "UBND thành phố Cần Thơ"
    finance = next(u for u in await uow.blocs.units(bloc.id) if u.code == "STC")
    assert (finance.head_name, finance.head_position) == ("Huỳnh Thanh Tâm", "Giám đốc")

    data["units"][0]["head_name"] = "Lê Văn Mới"
    changed = await import_bloc(uow, parse_bloc_spec(data, where), FakeClock().now())
    assert (changed.units_added, changed.units_updated) == (0, 1)
