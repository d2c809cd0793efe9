//! Text alternatives (WCAG 1.1.1): images, SVG graphics, objects and image-map areas have
//! names, and what is marked decorative stays out of the accessibility tree.

mod area_alt;
mod decorative_not_exposed;
mod image_name;
mod object_name;
mod svg_img_name;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &image_name::ImageName,
        &decorative_not_exposed::DecorativeNotExposed,
        &svg_img_name::SvgImgName,
        &object_name::ObjectName,
        &area_alt::AreaAlt,
    ]
}
